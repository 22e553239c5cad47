import type { Context } from 'hono';

const KEY = 'moduleActorId';

/**
 * Records who acts on a module route (set by `createModulesApi` from its `actorId` option,
 * before a module's own `api` runs), so module sub-apps need not know how the API authenticates.
 */
export function setModuleActor(c: Context, actorId: string | null): void {
  c.set(KEY as never, actorId as never);
}

/** The Discord id of the admin calling a module route, or null (system, or not set). */
export function moduleActorId(c: Context): string | null {
  return ((c.var as Record<string, unknown>)[KEY] as string | null | undefined) ?? null;
}
