import { Hono } from 'hono';
import { z } from 'zod';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import type { Context } from 'hono';
import { auditOf, channelAccess } from '../access.js';
import { missingPermissions } from '../discordError.js';
import { SimStateError } from '../../state/index.js';
import { parseBody } from '../parseBody.js';
import { bitfield, channelPatchSchema, defined } from '../schemas.js';
import { dmFor } from './users.js';
import { isThreadType } from '../isThreadType.js';
import type { ChannelInput } from '../../state/index.js';

/**
 * Discord's rules for setting an overwrite: its id must be a role (type 0) or a member (type 1)
 * of the channel's guild, and the caller may allow or deny only permissions it holds in the
 * channel, unless it is an Administrator or holds Manage Roles through an overwrite there
 * (https://discord.com/developers/docs/resources/channel#edit-channel-permissions).
 */
function requireOverwritable(c: Context<RestEnv>, guildId: string, channelId: string, overwriteId: string, type: 0 | 1, bits: bigint): void {
  const { state } = c.get('sim');
  const g = state.guild(guildId);
  if (type === 0 && !g.roles[overwriteId]) throw new SimStateError(404, 10011, 'Unknown Role');
  if (type === 1 && !g.members[overwriteId]) throw new SimStateError(404, 10007, 'Unknown Member');
  const callerId = c.get('caller').userId;
  const base = state.permissionsOf(guildId, callerId);
  if (base & P.Administrator) return;
  const member = g.members[callerId]!;
  const channel = state.channels.get(channelId) as { permission_overwrites?: { id: string; type: number; allow: string }[] };
  const manageRolesByOverwrite = (channel.permission_overwrites ?? []).some(
    (o) => (BigInt(o.allow) & P.ManageRoles) !== 0n && ((o.type === 1 && o.id === callerId) || (o.type === 0 && member.roles.includes(o.id))),
  );
  if (manageRolesByOverwrite) return;
  if ((bits & ~state.permissionsOf(guildId, callerId, channelId)) !== 0n) throw missingPermissions();
}

/** Channels: get, modify, delete, permission overwrites. Messages and reactions are in `messages.ts`. */
export const channels = new Hono<RestEnv>()
  .get('/:channelId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id);
    return c.json(dmFor(c.get('sim').state.channels.get(id), c.get('caller').userId));
  })
  .patch('/:channelId', async (c) => {
    const id = c.req.param('channelId');
    const { state } = c.get('sim');
    const thread = isThreadType(state.channels.get(id).type);
    const body = await parseBody(c, channelPatchSchema);
    channelAccess(c, id, (thread ? P.ManageThreads : P.ManageChannels) | (body.permission_overwrites ? P.ManageRoles : 0n));
    const { type: _type, ...patch } = defined(body);
    return c.json(state.channels.update(id, patch as Partial<ChannelInput>, auditOf(c)));
  })
  .delete('/:channelId', (c) => {
    const id = c.req.param('channelId');
    const { state } = c.get('sim');
    const thread = isThreadType(state.channels.get(id).type);
    channelAccess(c, id, thread ? P.ManageThreads : P.ManageChannels);
    return c.json(state.channels.delete(id, auditOf(c)));
  })
  .put('/:channelId/permissions/:overwriteId', async (c) => {
    const id = c.req.param('channelId');
    const guildId = channelAccess(c, id, P.ManageRoles);
    const body = await parseBody(
      c,
      z.object({ type: z.union([z.literal(0), z.literal(1)]), allow: bitfield.nullish(), deny: bitfield.nullish() }),
    );
    if (guildId) requireOverwritable(c, guildId, id, c.req.param('overwriteId'), body.type, BigInt(body.allow ?? '0') | BigInt(body.deny ?? '0'));
    c.get('sim').state.channels.setOverwrite(id, { id: c.req.param('overwriteId'), type: body.type, allow: body.allow ?? '0', deny: body.deny ?? '0' }, auditOf(c));
    return c.body(null, 204);
  })
  .delete('/:channelId/permissions/:overwriteId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageRoles);
    c.get('sim').state.channels.deleteOverwrite(id, c.req.param('overwriteId'), auditOf(c));
    return c.body(null, 204);
  });
