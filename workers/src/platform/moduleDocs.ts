import type { ModuleDefinition } from './ModuleDefinition';

/** OpenAPI paths and component schemas of every module's routes, under their `/api` prefix. */
export function moduleOpenApi(modules: readonly ModuleDefinition[]): { paths: Record<string, Record<string, unknown>>; schemas: Record<string, unknown> } {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  for (const def of modules) {
    if (!def.api) continue;
    const doc = def.api.getOpenAPI31Document({ openapi: '3.1.0', info: { title: def.name, version: '1' } });
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      const at = `/api/guilds/{guildId}/modules/${def.id}${path}`;
      paths[at] = { ...paths[at], ...(ops as Record<string, unknown>) };
    }
    Object.assign(schemas, doc.components?.schemas ?? {});
  }
  return { paths, schemas };
}
