import type { SqlExec } from '../lib/sql/SqlExec';

/** A value SQLite stores and binds. */
export type LocalValue = string | number | null;

/**
 * The guild hub's own SQLite (`ctx.storage.sql` of the GuildHub Durable Object), as modules
 * see it when their handlers run inside the hub: hot counters and windows that would cost a
 * Postgres round trip (and keep Neon awake) elsewhere. Synchronous, like the DO's API: a
 * handler's statements run back to back with no other request in between.
 */
export interface LocalStore {
  /** Runs one statement and returns its rows. */
  query<T = Record<string, LocalValue>>(sql: string, ...bindings: LocalValue[]): T[];
  /** Runs `fn` atomically: every statement it ran is kept, or (it threw) none. */
  transaction<T>(fn: () => T): T;
}

/**
 * A {@link LocalStore} over the hub's {@link SqlExec} (the Durable Object's SQLite, rows written
 * counted for the free-tier meter; better-sqlite3 in Node tests).
 */
export function localStore(sql: SqlExec): LocalStore {
  return {
    query: <T>(query: string, ...bindings: LocalValue[]) => sql.exec<T>(query, ...bindings).toArray(),
    transaction: (fn) => sql.transaction(fn),
  };
}
