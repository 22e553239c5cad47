import type { Hono } from 'hono';
import { hc } from 'hono/client';
import { apiFetch } from './client';

/**
 * A typed client of one module's routes in one guild, derived from the module's route
 * declarations (`moduleRoute` + zod): paths, inputs and answers are checked at compile time,
 * and no shape is copied by hand. Calls go through {@link apiFetch} (session refresh, ApiError).
 *
 * `const stats = moduleClient<StatsApi>(guildId, 'stats'); await json(stats.overview.$get({ param: { guildId }, query: { days: '7' } }))`
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hc's own constraint
export function moduleClient<T extends Hono<any, any, any>>(guildId: string, moduleId: string) {
  return hc<T>(`/api/guilds/${guildId}/modules/${moduleId}`, { fetch: apiFetch as typeof fetch });
}

/** The successful answer among a route's declared answers (errors were thrown by {@link apiFetch}). */
type Ok<R> = Extract<R, { ok: true }> extends { json(): Promise<infer T> } ? T : never;

/** Reads the typed JSON of a client call's successful answer. */
export async function json<R extends { ok: boolean; json(): Promise<unknown> }>(call: Promise<R>): Promise<Ok<R>> {
  return (await (await call).json()) as Ok<R>;
}
