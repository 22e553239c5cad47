import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import type { LevelingDb } from '../db';

/** An in-process Postgres (PGlite) with every migration applied, for the leveling tests. */
export async function createTestDb(): Promise<{ db: LevelingDb; client: PGlite; close(): Promise<void> }> {
  const client = await PGlite.create();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as LevelingDb, client, close: () => client.close() };
}
