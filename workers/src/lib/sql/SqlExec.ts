/** A value SQLite stores. */
export type SqlValue = string | number | null;

/**
 * The part of a SQLite-backed Durable Object's storage the platform's own tables use
 * (`ctx.storage.sql` and `ctx.storage.transactionSync`), so the logic runs in Node tests on
 * better-sqlite3 unchanged. Synchronous, like the Durable Object API.
 */
export interface SqlExec {
  /** Runs one statement; `rowsWritten` counts inserted, updated or deleted rows. */
  exec<T = Record<string, SqlValue>>(query: string, ...bindings: SqlValue[]): { toArray(): T[]; rowsWritten: number };
  /** Runs `fn` in one transaction: all of its writes or none. */
  transaction<T>(fn: () => T): T;
}
