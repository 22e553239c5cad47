import type { Hono } from 'hono';
import type { AuthEnv } from '../auth/AuthEnv';
import { requireGuildAccess } from './access/requireGuildAccess';
import type { ExtraPath } from './openapi';

/** Documentation of the module system's routes (their sub-app owns the schemas). */
export const moduleRouteDocs: ExtraPath[] = [];

/**
 * Mounts the module system's routes under `/guilds/:guildId/modules` behind guild access:
 * reads need `view`, writes `edit`. (Filled in once `modules/api.ts` exists.)
 */
export function mountModuleRoutes(api: Hono<AuthEnv>): void {
  const view = requireGuildAccess('view');
  const edit = requireGuildAccess('edit');
  api.use('/guilds/:guildId/modules/*', (c, next) => (['GET', 'HEAD'].includes(c.req.method) ? view(c, next) : edit(c, next)));
}
