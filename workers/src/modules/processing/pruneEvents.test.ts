import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvents } from './pruneEvents';

let client: PGlite;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  client = await PGlite.create();
  db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe('pruneEvents', () => {
  it('deletes processed raw events past the retention only: recent and unprocessed ones stay', async () => {
    const add = (id: string, processedHoursAgo: number | null) =>
      db.execute(sql`INSERT INTO events (event_id, type, payload, received_at, processed_at)
        VALUES (${id}, 'MESSAGE_CREATE', '{}'::jsonb, now() - interval '3 days', ${processedHoursAgo === null ? null : sql`now() - make_interval(hours => ${processedHoursAgo})`})`);
    await add('old-done', 30);
    await add('recent-done', 2);
    await add('old-pending', null);
    expect(await pruneEvents(db, 24)).toBe(1);
    const { rows } = await db.execute(sql`SELECT event_id FROM events ORDER BY event_id`);
    expect(rows.map((r) => (r as { event_id: string }).event_id)).toEqual(['old-pending', 'recent-done']);
    expect(await pruneEvents(db, 1)).toBe(1);
  });
});
