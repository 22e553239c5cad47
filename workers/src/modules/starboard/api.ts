import { z } from 'zod';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { guildHub } from '../../platform/hub/guildHub';
import { starboardConfigSchema } from './config';
import type { BoardEntry } from './readEntries';

const Entry = z.object({
  messageId: snowflake, channelId: snowflake, authorId: snowflake.nullable(), authorName: z.string().nullable(), excerpt: z.string().nullable(),
  stars: z.number().int(), boardMessageId: snowflake.nullable(), postedAt: z.string().nullable(),
});
const Answer = z.object({ boardChannelId: snowflake.nullable(), threshold: z.number().int(), emoji: z.string(), entries: z.array(Entry) });

const entriesRoute = moduleRoute({
  method: 'get', path: '/entries', tags: ['starboard'], requires: 'view',
  summary: 'Messages on the starboard, most recently posted first, with their current star counts',
  request: { params: z.object({ guildId: snowflake }), query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) },
  responses: { 200: { description: 'Entries', content: { 'application/json': { schema: Answer } } }, 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer },
});

/** Routes under `/api/guilds/:guildId/modules/starboard`: one hub request, no Postgres. */
export function createStarboardApi() {
  return createModuleApi().openapi(entriesRoute, async (c) => {
    const { guildId } = c.req.valid('param');
    const { state, value } = await guildHub(c.env, guildId).readLocal<BoardEntry[]>('starboard', { limit: c.req.valid('query').limit });
    const config = starboardConfigSchema.parse(state.modules.starboard?.config ?? {});
    return c.json({ boardChannelId: config.channelId, threshold: config.threshold, emoji: config.emoji, entries: value ?? [] }, 200);
  });
}

/** The Starboard routes' type, for the dashboard's typed client. */
export type StarboardApi = ReturnType<typeof createStarboardApi>;
