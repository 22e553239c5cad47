import { Hono } from 'hono';
import { z } from 'zod';
import { ApplicationFlags, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { Context } from 'hono';
import type { RestEnv } from '../types.js';
import { auditOf, botCaller, callerMember, requireAbove, requirePerms, requireRoleAbove } from '../access.js';
import { parseBody, queryInt, querySnowflake } from '../parseBody.js';
import { invalidFormBody, missingAccess, missingPermissions } from '../discordError.js';
import { snowflake } from '../schemas.js';
import { basePermissions, SimStateError, type MemberPatch } from '../../state/index.js';

const TIMEOUT_MAX_MS = 28 * 86_400_000;

const memberPatch = z.object({
  nick: z.string().max(32).nullish(),
  roles: z.array(snowflake).nullish(),
  mute: z.boolean().nullish(),
  deaf: z.boolean().nullish(),
  channel_id: snowflake.nullish(),
  communication_disabled_until: z.string().nullish(),
  flags: z.number().int().nullish(),
});

/** Listing members needs the Server Members privileged intent, as on Discord. */
function requireMembersIntent(c: Context<RestEnv>): void {
  const flags = c.get('caller').app.flags;
  if (!(flags & (ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayGuildMembersLimited))) throw missingAccess();
}

/** Members: list, search, get, modify (nick, roles, timeout, voice), kick, role add/remove. */
export const members = new Hono<RestEnv>()
  .get('/:guildId/members', (c) => {
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    requireMembersIntent(c);
    const { state } = c.get('sim');
    const list = state.members.list(guildId, queryInt(c, 'limit', 1, 1, 1000), querySnowflake(c, 'after') ?? '0');
    return c.json(list.map((m) => state.memberPayload(guildId, m.user_id)));
  })
  .get('/:guildId/members/search', (c) => {
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    const query = c.req.query('query');
    if (query === undefined) throw invalidFormBody({ query: 'This field is required' }, 'BASE_TYPE_REQUIRED');
    const { state } = c.get('sim');
    return c.json(state.members.search(guildId, query, queryInt(c, 'limit', 1, 1, 1000)).map((m) => state.memberPayload(guildId, m.user_id)));
  })
  .get('/:guildId/members/:userId', (c) => {
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    return c.json(c.get('sim').state.memberPayload(guildId, c.req.param('userId')));
  })
  .patch('/:guildId/members/:userId', async (c) => {
    const guildId = c.req.param('guildId');
    const me = botCaller(c);
    const userId = c.req.param('userId') === '@me' ? me : c.req.param('userId');
    const body = await parseBody(c, memberPatch);
    const { state } = c.get('sim');
    const g = state.guild(guildId);
    const target = state.member(guildId, userId);
    const patch: MemberPatch = {};
    if (body.nick !== undefined) {
      requirePerms(c, guildId, userId === me ? P.ChangeNickname : P.ManageNicknames);
      if (userId !== me) requireAbove(c, guildId, userId);
      patch.nick = body.nick || null;
    }
    if (body.roles) {
      requirePerms(c, guildId, P.ManageRoles);
      const changed = [...body.roles.filter((r) => !target.roles.includes(r)), ...target.roles.filter((r) => !body.roles!.includes(r))];
      for (const r of changed) {
        const role = g.roles[r];
        if (!role) throw invalidFormBody({ roles: `Unknown role ${r}` }, 'UNKNOWN_ROLE');
        if (role.managed) throw new SimStateError(400, 50028, 'Invalid Role');
        requireRoleAbove(c, guildId, role.position);
      }
      patch.roles = body.roles;
    }
    if (body.mute != null) {
      requirePerms(c, guildId, P.MuteMembers);
      patch.mute = body.mute;
    }
    if (body.deaf != null) {
      requirePerms(c, guildId, P.DeafenMembers);
      patch.deaf = body.deaf;
    }
    if (body.communication_disabled_until !== undefined) {
      requirePerms(c, guildId, P.ModerateMembers);
      requireAbove(c, guildId, userId);
      if (basePermissions(g, target) & P.Administrator) throw missingPermissions();
      const until = body.communication_disabled_until;
      if (until) {
        const t = Date.parse(until);
        if (Number.isNaN(t) || t - Date.now() > TIMEOUT_MAX_MS) throw invalidFormBody({ communication_disabled_until: 'Invalid communication disabled timestamp' }, 'COMMUNICATION_DISABLED_TIMESTAMP_INVALID');
      }
      patch.communication_disabled_until = until ? new Date(until).toISOString() : null;
    }
    if (body.flags != null) patch.flags = body.flags;
    if (body.channel_id !== undefined) {
      requirePerms(c, guildId, P.MoveMembers);
      if (!g.voiceStates[userId]) throw new SimStateError(400, 40032, 'Target user is not connected to voice.');
      if (body.channel_id) state.channels.get(body.channel_id);
    }
    state.members.update(guildId, userId, patch, auditOf(c));
    if (body.channel_id !== undefined) {
      if (body.channel_id) state.voice.join(guildId, userId, body.channel_id);
      else state.voice.leave(guildId, userId);
    }
    return c.json(state.memberPayload(guildId, userId));
  })
  .delete('/:guildId/members/:userId', (c) => {
    const guildId = c.req.param('guildId');
    const userId = c.req.param('userId');
    requirePerms(c, guildId, P.KickMembers);
    c.get('sim').state.member(guildId, userId);
    requireAbove(c, guildId, userId);
    c.get('sim').state.members.remove(guildId, userId, auditOf(c));
    return c.body(null, 204);
  })
  .put('/:guildId/members/:userId/roles/:roleId', (c) => roleChange(c, true))
  .delete('/:guildId/members/:userId/roles/:roleId', (c) => roleChange(c, false));

function roleChange(c: Context<RestEnv>, add: boolean): Response {
  const guildId = c.req.param('guildId')!;
  const userId = c.req.param('userId')!;
  const roleId = c.req.param('roleId')!;
  requirePerms(c, guildId, P.ManageRoles);
  const { state } = c.get('sim');
  const m = state.member(guildId, userId);
  const role = state.roles.get(guildId, roleId);
  if (role.managed || roleId === guildId) throw new SimStateError(400, 50028, 'Invalid Role');
  requireRoleAbove(c, guildId, role.position);
  const has = m.roles.includes(roleId);
  if (add !== has) state.members.update(guildId, userId, { roles: add ? [...m.roles, roleId] : m.roles.filter((r) => r !== roleId) }, auditOf(c));
  return c.body(null, 204);
}
