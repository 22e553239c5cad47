import { json, moduleClient } from '$lib/api/moduleClient';
import type { StarboardApi } from '@edge/workers/modules/starboard';

const client = (g: string) => moduleClient<StarboardApi>(g, 'starboard');

/** The Starboard routes through the typed client. */
export const starboardApi = {
  entries: (g: string, limit = 50) => json(client(g).entries.$get({ param: { guildId: g }, query: { limit: String(limit) } as never })),
};
