import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/AuthEnv';
import { PermissionError } from '../../permissions';
import { actorAuthority } from '../access/actorAuthority';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer, jsonBody, noContent, requirePermission } from '../coreRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { discordCache } from '../../lib/discordCache';
import { guildData } from '../discord/guildData';
import { toMember } from '../discord/mappers';
import { HttpError } from '../../errors';
import { GuildRoleParams, GuildUserParams, Member, Reason } from '../schemas';
import { moduleMemberAction } from './moduleMemberAction';

/** Timeout durations offered by the dashboard (seed 000: 60 s, 5 min, 10 min, 1 h, 1 day, 1 week). */
export const TIMEOUT_SECONDS = [60, 300, 600, 3600, 86_400, 604_800] as const;

const Ban = z.object({ reason: z.string().trim().min(1).max(512).optional(), deleteMessageSeconds: z.number().int().min(0).max(604_800).default(0) }).strict();
const Timeout = z
  .object({
    // One literal per value: a multi-value literal reaches OpenAPI as its first value only.
    duration: z.union([...TIMEOUT_SECONDS.map((s) => z.literal(s)), z.null()]),
    reason: z.string().trim().min(1).max(512).optional(),
  })
  .strict();
const Nickname = z.object({ nick: z.string().trim().min(1).max(32).nullable() }).strict();
const MemberRoleParams = GuildUserParams.extend({ roleId: GuildRoleParams.shape.roleId });

/** The target must be a member the actor may act on (404 when not in the server). */
async function requireTarget(c: Parameters<typeof actorAuthority>[0], userId: string) {
  const target = await guildData.member(deps(c), userId);
  (await actorAuthority(c)).requireAboveMember({ userId, roles: target.roles });
  return target;
}

/** Gives (`put`) or takes (`delete`) a role: assignable roles only, below the actor's highest, to a member they outrank. */
async function changeRole(c: Context<AuthEnv>, method: 'put' | 'delete', params: z.infer<typeof MemberRoleParams>, reason: string | undefined) {
  const d = deps(c);
  const role = await guildData.role(d, params.roleId);
  if (role.managed || role.id === params.guildId) throw new HttpError(400, 'That role is managed by Discord or an integration and cannot be assigned', { code: 'ValidationError' });
  (await actorAuthority(c)).requireAboveRole(role);
  await requireTarget(c, params.userId);
  const path = Routes.guildMemberRole(params.guildId, params.userId, params.roleId);
  await discordCall(() => d.rest[method](path, { reason }));
  await discordCache.forget(d.redis, params.guildId, 'members');
  await audit(c, params.guildId, { action: method === 'put' ? 'member.role_add' : 'member.role_remove', targetType: 'user', targetId: params.userId, details: { roleId: params.roleId } });
  return c.body(null, 204);
}

const kick = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/members/{userId}/kick',
  tags: ['members'],
  summary: 'Kick a member',
  requires: 'admin',
  permission: P.KickMembers,
  request: { params: GuildUserParams, body: jsonBody(Reason.optional()) },
  responses: noContent,
});

const ban = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/members/{userId}/ban',
  tags: ['members'],
  summary: 'Ban a user (reason, delete their messages of the last N seconds)',
  requires: 'admin',
  permission: P.BanMembers,
  request: { params: GuildUserParams, body: jsonBody(Ban.optional()) },
  responses: noContent,
});

const unban = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/bans/{userId}',
  tags: ['members'],
  summary: 'Lift a ban',
  requires: 'admin',
  permission: P.BanMembers,
  request: { params: GuildUserParams, body: jsonBody(Reason.optional()) },
  responses: noContent,
});

const timeout = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/members/{userId}/timeout',
  tags: ['members'],
  summary: 'Time a member out (60 s … 1 week) or lift it (duration null)',
  requires: 'admin',
  permission: P.ModerateMembers,
  request: { params: GuildUserParams, body: jsonBody(Timeout) },
  responses: jsonAnswer(Member),
});

const nickname = coreRoute({
  method: 'patch',
  path: '/guilds/{guildId}/members/{userId}/nickname',
  tags: ['members'],
  summary: 'Set or clear a nickname',
  requires: 'admin',
  permission: P.ManageNicknames,
  request: { params: GuildUserParams, body: jsonBody(Nickname) },
  responses: jsonAnswer(Member),
});

const addRole = coreRoute({
  method: 'put',
  path: '/guilds/{guildId}/members/{userId}/roles/{roleId}',
  tags: ['members'],
  summary: 'Give a member a role',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: MemberRoleParams, body: jsonBody(Reason.optional()) },
  responses: noContent,
});

const removeRole = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/members/{userId}/roles/{roleId}',
  tags: ['members'],
  summary: 'Take a role from a member',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: MemberRoleParams, body: jsonBody(Reason.optional()) },
  responses: noContent,
});

/**
 * Moderation from the dashboard: kick, ban, unban, timeout, nickname, roles. Each one is audited.
 * Kick, ban and timeout go to an enabled module that takes member actions over (Moderation: one
 * code path with its slash commands, a case each); without one, they call Discord here.
 */
export const memberActionRoutes = coreApi()
  .openapi(kick, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    // An enabled module that takes member actions over (Moderation) checks and acts itself.
    const taken = await moduleMemberAction(c, { action: 'kick', userId: params.userId, reason: body?.reason });
    if (!taken) {
      await requirePermission(c, kick);
      await requireTarget(c, params.userId);
      await discordCall(() => d.rest.delete(Routes.guildMember(params.guildId, params.userId), { reason: body?.reason }));
    }
    await discordCache.forget(d.redis, params.guildId, 'members');
    await audit(c, params.guildId, { action: 'member.kick', targetType: 'user', targetId: params.userId, details: { reason: body?.reason, ...taken } });
    return c.body(null, 204);
  })
  .openapi(ban, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const seconds = body?.deleteMessageSeconds ?? 0;
    const taken = await moduleMemberAction(c, { action: 'ban', userId: params.userId, reason: body?.reason, deleteMessageSeconds: seconds });
    if (!taken) {
      await requirePermission(c, ban);
      // Banning someone who already left is allowed; the hierarchy check applies to members.
      const target = await guildData.member(d, params.userId).catch(() => null);
      if (target) (await actorAuthority(c)).requireAboveMember({ userId: params.userId, roles: target.roles });
      await discordCall(() =>
        d.rest.put(Routes.guildBan(params.guildId, params.userId), { body: { delete_message_seconds: seconds }, reason: body?.reason }),
      );
    }
    await discordCache.forget(d.redis, params.guildId, 'members', 'bans');
    await audit(c, params.guildId, { action: 'member.ban', targetType: 'user', targetId: params.userId, details: { reason: body?.reason, deleteMessageSeconds: seconds, ...taken } });
    return c.body(null, 204);
  })
  .openapi(unban, async (c) => {
    await requirePermission(c, unban);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    await discordCall(() => d.rest.delete(Routes.guildBan(params.guildId, params.userId), { reason: body?.reason }));
    await discordCache.forget(d.redis, params.guildId, 'bans');
    await audit(c, params.guildId, { action: 'member.unban', targetType: 'user', targetId: params.userId, details: { reason: body?.reason } });
    return c.body(null, 204);
  })
  .openapi(timeout, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const taken = await moduleMemberAction(c, body.duration === null
      ? { action: 'untimeout', userId: params.userId, reason: body.reason }
      : { action: 'timeout', userId: params.userId, reason: body.reason, durationSeconds: body.duration });
    let m: Parameters<typeof toMember>[0];
    if (taken) m = await discordCall(() => d.rest.get(Routes.guildMember(params.guildId, params.userId)));
    else {
      await requirePermission(c, timeout);
      const target = await requireTarget(c, params.userId);
      const authority = await actorAuthority(c);
      // Discord never times out a member with Administrator.
      if (body.duration !== null && (authority.permissionsOf({ userId: params.userId, roles: target.roles }) & P.Administrator) !== 0n) {
        throw PermissionError.hierarchy('Members with Administrator cannot be timed out');
      }
      const until = body.duration === null ? null : new Date(Date.now() + body.duration * 1000).toISOString();
      m = await discordCall(() =>
        d.rest.patch(Routes.guildMember(params.guildId, params.userId), { body: { communication_disabled_until: until }, reason: body.reason }),
      );
    }
    await discordCache.forget(d.redis, params.guildId, 'members');
    await audit(c, params.guildId, { action: body.duration ? 'member.timeout' : 'member.timeout_lift', targetType: 'user', targetId: params.userId, details: { duration: body.duration, reason: body.reason, ...taken } });
    return c.json(toMember(m), 200);
  })
  .openapi(nickname, async (c) => {
    await requirePermission(c, nickname);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    await requireTarget(c, params.userId);
    const m = await discordCall<Parameters<typeof toMember>[0]>(() => d.rest.patch(Routes.guildMember(params.guildId, params.userId), { body: { nick: body.nick } }));
    await discordCache.forget(d.redis, params.guildId, 'members');
    await audit(c, params.guildId, { action: 'member.nickname', targetType: 'user', targetId: params.userId, details: { nick: body.nick } });
    return c.json(toMember(m), 200);
  })
  .openapi(addRole, async (c) => {
    await requirePermission(c, addRole);
    return changeRole(c, 'put', c.req.valid('param'), c.req.valid('json')?.reason);
  })
  .openapi(removeRole, async (c) => {
    await requirePermission(c, removeRole);
    return changeRole(c, 'delete', c.req.valid('param'), c.req.valid('json')?.reason);
  });
