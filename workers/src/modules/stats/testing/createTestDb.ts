import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import type { StatsDb } from '../db';

/** An in-process Postgres (PGlite) with every migration applied, for the stats tests. */
export async function createTestDb(): Promise<{ db: StatsDb; client: PGlite; close(): Promise<void> }> {
  const client = await PGlite.create();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as StatsDb, client, close: () => client.close() };
}
