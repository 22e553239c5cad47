import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * Any drizzle Postgres database: the Worker's Neon pool, PGlite in tests, node-postgres in
 * the bench. Stats only sends raw statements, so the schema type does not matter here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StatsDb = PgDatabase<PgQueryResultHKT, any, any>;

/** Runs one statement (one round trip) and returns its rows, whatever the driver's result shape. */
export async function queryRows<T>(db: StatsDb, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
