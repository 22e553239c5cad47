import { z } from 'zod';
import { guildHub } from '../../modules/hub/guildHub';
import { route } from '../defineRoute';
import { GuildParams } from '../schemas';

const HubLive = z.object({
  feed: z.array(z.object({ id: z.string(), type: z.string(), summary: z.string(), at: z.string() }).passthrough()),
  counters: z.record(z.string(), z.number()),
  shard: z.object({ connected: z.boolean(), shards: z.number() }),
});

/**
 * `GET /guilds/:guildId/live`: what the hub's socket pushes (recent feed, live counters, the bot's
 * status) in one request. The dashboard reads it only while its socket is down.
 */
export const liveRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/live',
    tag: 'guild',
    summary: "The live feed, counters and bot status without the WebSocket (the dashboard's fallback while its socket is down)",
    requires: 'view',
    params: GuildParams,
    response: HubLive,
    handler: async (c, { params }) => c.json(await guildHub(c.env, params.guildId).live()),
  }),
];
