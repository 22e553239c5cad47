import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Any drizzle Postgres database (Neon in the Worker, PGlite or node-postgres in tests and the bench). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LevelingDb = PgDatabase<PgQueryResultHKT, any, any>;

/** Runs one statement and returns its rows, whatever the driver's result shape. */
export async function queryRows<T>(db: LevelingDb, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
