import { Hono } from 'hono';
import { z } from 'zod';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { auditOf, requireAbove, requirePerms } from '../access.js';
import { parseBody, queryInt, querySnowflake } from '../parseBody.js';
import { missingPermissions } from '../discordError.js';

const banBody = z.object({
  delete_message_seconds: z.number().int().min(0).max(604_800).nullish(),
  /** Deprecated by Discord but still accepted. */
  delete_message_days: z.number().int().min(0).max(7).nullish(),
});

/** Bans: list, get, create (with message deletion), remove. */
export const bans = new Hono<RestEnv>()
  .get('/:guildId/bans', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.BanMembers);
    const list = c.get('sim').state.bans.list(guildId, { limit: queryInt(c, 'limit', 1000, 1, 1000), before: querySnowflake(c, 'before'), after: querySnowflake(c, 'after') });
    return c.json(list);
  })
  .get('/:guildId/bans/:userId', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.BanMembers);
    return c.json(c.get('sim').state.bans.get(guildId, c.req.param('userId')));
  })
  .put('/:guildId/bans/:userId', async (c) => {
    const guildId = c.req.param('guildId');
    const userId = c.req.param('userId');
    requirePerms(c, guildId, P.BanMembers);
    const { state } = c.get('sim');
    state.users.get(userId);
    if (userId === state.guild(guildId).owner_id) throw missingPermissions();
    requireAbove(c, guildId, userId);
    const body = await parseBody(c, banBody);
    const seconds = body.delete_message_seconds ?? (body.delete_message_days ?? 0) * 86_400;
    state.bans.add(guildId, userId, { deleteMessageSeconds: seconds, ...auditOf(c) });
    return c.body(null, 204);
  })
  .delete('/:guildId/bans/:userId', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.BanMembers);
    c.get('sim').state.bans.remove(guildId, c.req.param('userId'), auditOf(c));
    return c.body(null, 204);
  });
