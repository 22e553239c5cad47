import { moduleOpenApi } from '../platform/moduleDocs';
import { createModulesApi } from '../platform/modulesApi';
import { createPlanApi } from '../platform/planApi';
import { registry } from '../platform/registry';
import { coreRoutes } from './coreRoutes';

const INFO = { title: 'Edge Admin dashboard API', version: '1.0.0', description: 'Cookie sessions from /auth/login. Every error has the shape of `Error`; every 400 carries `details.issues`.' };

/**
 * The OpenAPI 3.1 document of `/api` (served at `/api/openapi.json`, browsed at `/api/docs`),
 * generated from the zod route declarations of the core routes, the module system and each
 * module: nothing in it is written by hand.
 */
export function apiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  const none = () => null;
  const groups = [
    ['', coreRoutes],
    ['/guilds/{guildId}/modules', createModulesApi({ actorId: none })],
    ['/guilds/{guildId}/plan', createPlanApi({ actorId: none })],
  ] as const;
  for (const [prefix, group] of groups) {
    const doc = group.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      const at = `/api${prefix}${path === '/' && prefix ? '' : path}`;
      paths[at] = { ...paths[at], ...(ops as Record<string, unknown>) };
    }
    Object.assign(schemas, doc.components?.schemas ?? {});
  }
  const modules = moduleOpenApi(registry.all());
  for (const [path, ops] of Object.entries(modules.paths)) paths[path] = { ...paths[path], ...ops };
  return {
    openapi: '3.1.0',
    info: INFO,
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'edge_at' } }, schemas: { ...schemas, ...modules.schemas } },
    security: [{ session: [] }],
    paths,
  };
}
