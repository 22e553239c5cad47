import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db';
import { ClaimRounds } from './ClaimRounds';

let client: PGlite;
let db: Db;
let statements = 0;
const tick = () => new Promise((r) => setTimeout(r, 5));

beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  const query = client.query.bind(client);
  client.query = ((...a: Parameters<typeof query>) => (statements++, query(...a))) as typeof client.query;
  db = pdb as unknown as Db;
});

afterAll(async () => {
  await client?.close();
});

beforeEach(() => {
  statements = 0;
});

describe('ClaimRounds', () => {
  it('takes the claims of concurrent tasks in one statement, each effect once', async () => {
    const rounds = new ClaimRounds(db);
    const ran: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((id) => rounds.run(async (once) => {
      await once(`cr-${id}`, 'k1', async () => void ran.push(`${id}1`));
      await once(`cr-${id}`, 'k2', async () => void ran.push(`${id}2`));
    })));
    expect(ran.sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(statements).toBe(2);
    // A new run over the same events: every claim is lost, nothing runs again.
    const again = new ClaimRounds(db);
    const results = await Promise.all(['a', 'b'].map((id) => again.run((once) => once(`cr-${id}`, 'k1', async () => void ran.push('again')))));
    expect(results).toEqual([false, false]);
    expect(ran).toHaveLength(6);
  });

  it('waits for a task busy elsewhere instead of claiming without it, and never blocks on a task that claims nothing', async () => {
    const rounds = new ClaimRounds(db);
    const order: string[] = [];
    await Promise.all([
      rounds.run(async (once) => void (await once('cr-slow', 'k', async () => void order.push('slow-effect')))),
      rounds.run(async (once) => {
        await tick();
        order.push('busy-done-waiting');
        await once('cr-late', 'k', async () => void order.push('late-effect'));
      }),
      rounds.run(async () => void (await tick())),
    ]);
    expect(order).toEqual(['busy-done-waiting', 'slow-effect', 'late-effect']);
    expect(statements).toBe(1);
  });

  it('the same effect asked twice in one round runs once; a throw releases its claim', async () => {
    const rounds = new ClaimRounds(db);
    let runs = 0;
    const [x, y] = await Promise.all([1, 2].map(() => rounds.run((once) => once('cr-dup', 'k', async () => void runs++))));
    expect([x, y, runs]).toEqual([true, false, 1]);
    await expect(rounds.run((once) => once('cr-fail', 'k', async () => { throw new Error('boom'); }))).rejects.toThrow('boom');
    const left = await db.execute(sql`SELECT count(*)::int AS n FROM module_effects WHERE event_id = 'cr-fail'`);
    expect(left.rows[0]).toEqual({ n: 0 });
    // Outside a task (a batch handler), a claim goes out at once.
    expect(await rounds.once('cr-fail', 'k', async () => {})).toBe(true);
  });

  it('a failed claim statement fails every claim of the round and runs nothing', async () => {
    const rounds = new ClaimRounds({ execute: async () => { throw new Error('db down'); } } as unknown as Db);
    let runs = 0;
    const results = await Promise.allSettled([1, 2].map((i) => rounds.run((once) => once(`cr-down-${i}`, 'k', async () => void runs++))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(0);
  });
});
