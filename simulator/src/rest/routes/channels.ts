import { Hono } from 'hono';
import { z } from 'zod';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { auditOf, channelAccess } from '../access.js';
import { parseBody } from '../parseBody.js';
import { bitfield, channelPatchSchema, defined } from '../schemas.js';
import { dmFor } from './users.js';
import { isThreadType } from '../isThreadType.js';
import type { ChannelInput } from '../../state/index.js';

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
    channelAccess(c, id, P.ManageRoles);
    const body = await parseBody(
      c,
      z.object({ type: z.union([z.literal(0), z.literal(1)]), allow: bitfield.nullish(), deny: bitfield.nullish() }),
    );
    c.get('sim').state.channels.setOverwrite(id, { id: c.req.param('overwriteId'), type: body.type, allow: body.allow ?? '0', deny: body.deny ?? '0' }, auditOf(c));
    return c.body(null, 204);
  })
  .delete('/:channelId/permissions/:overwriteId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageRoles);
    c.get('sim').state.channels.deleteOverwrite(id, c.req.param('overwriteId'), auditOf(c));
    return c.body(null, 204);
  });
