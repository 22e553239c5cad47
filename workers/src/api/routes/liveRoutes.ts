import { z } from 'zod';
import { guildHub } from '../../platform/hub/guildHub';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { GuildParams } from '../schemas';

const HubLive = z.object({
  feed: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      module: z.string(),
      kind: z.string(),
      level: z.enum(['info', 'warn', 'error']),
      summary: z.string(),
      eventId: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  counters: z.record(z.string(), z.number()),
  shard: z.object({ connected: z.boolean(), shards: z.number() }),
});

const live = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/live',
  tags: ['guild'],
  summary: "The live feed, counters and bot status without the WebSocket (the dashboard's fallback while its socket is down)",
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(HubLive),
});

/**
 * `GET /guilds/:guildId/live`: what the hub's socket pushes (recent feed, live counters, the bot's
 * status) in one request. The dashboard reads it only while its socket is down.
 */
export const liveRoutes = coreApi().openapi(live, async (c) => c.json(await guildHub(c.env, c.req.valid('param').guildId).live(), 200));
