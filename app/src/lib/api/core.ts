import { hc } from 'hono/client';
import type { CoreApi } from '@edge/workers/api';
import { apiFetch } from './client';

/**
 * The typed client of the core `/api` routes, derived from their declarations (`coreRoute` +
 * zod in workers/src/api/routes): paths, params, queries, bodies and answers are checked at
 * compile time. Calls go through {@link apiFetch} (session refresh, ApiError, cache drops).
 *
 * `const roles = await json(core.guilds[':guildId'].roles.$get({ param: { guildId } }))`
 */
export const core = hc<CoreApi>('/api', { fetch: apiFetch as typeof fetch });

export { json } from './moduleClient';
