import type { Context, Hono } from 'hono';
import type { AuthEnv } from '../auth/AuthEnv';
import { createModulesApi } from '../platform/modulesApi';
import { createPlanApi } from '../platform/planApi';
import type { AppEnv } from '../types';
import { requireGuildAccess } from './access/requireGuildAccess';
import { requireInstanceOwner } from './access/requireInstanceOwner';
import { guardedRoutes, requireLevel, requirePermissionBits } from '../platform/moduleApi';
import { registry } from '../platform/registry';

const actorId = (c: Context<AppEnv>) => (c as unknown as Context<AuthEnv>).var.user?.id ?? null;

/**
 * Mounts the module system's routes behind guild access: under `/guilds/:guildId/modules`
 * reads need `view` and writes `edit`; `/guilds/:guildId/plan` reads need `view`, changes an
 * instance owner.
 */
export function mountModuleRoutes(api: Hono<AuthEnv>): void {
  const view = requireGuildAccess('view');
  const edit = requireGuildAccess('edit');
  const owner = requireInstanceOwner();
  const read = (c: Context<AuthEnv>) => ['GET', 'HEAD'].includes(c.req.method);
  // Everything under /modules needs at least `view`; writes of the module system need `edit`;
  // each module route then needs the level it declares (`moduleRoute({ requires })`) and, after
  // it, the Discord permission it declares (`moduleRoute({ permission })`).
  api.use('/guilds/:guildId/modules', (c, next) => (read(c) ? view(c, next) : edit(c, next)));
  api.use('/guilds/:guildId/modules/*', view);
  for (const [method, path] of [['POST', '/enable'], ['POST', '/disable'], ['PUT', '/config'], ['POST', '/revisions/:revisionId/rollback']] as const) {
    api.on(method, `/guilds/:guildId/modules/:moduleId${path}`, requireLevel('edit'));
  }
  for (const def of registry.all()) {
    if (!def.api) continue;
    for (const r of guardedRoutes(def.id, def.api)) {
      const path = `/guilds/:guildId/modules/${def.id}${r.path}`;
      api.on(r.method, path, requireLevel(r.requires));
      if (r.permission !== undefined) api.on(r.method, path, requirePermissionBits(r.permission));
    }
  }
  api.use('/guilds/:guildId/plan', (c, next) => (read(c) ? view(c, next) : owner(c, next)));
  api.route('/guilds/:guildId/modules', createModulesApi({ actorId }) as never);
  api.route('/guilds/:guildId/plan', createPlanApi({ actorId }) as never);
}
