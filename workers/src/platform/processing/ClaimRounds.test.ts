import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { ClaimRounds } from './ClaimRounds';
import { CLAIM_TTL_MS, SqlClaimStore, type ClaimStore } from './ClaimStore';

let sql: ReturnType<typeof sqliteExec>;
let store: SqlClaimStore;
/** The hub's claim store, counting its calls (one per round). */
let db: ClaimStore;
let statements = 0;
let clock = 1_700_000_000_000;
const tick = () => new Promise((r) => setTimeout(r, 5));

beforeAll(() => {
  sql = sqliteExec();
  store = new SqlClaimStore(sql, () => clock);
  db = { claim: (keys) => (statements++, store.claim(keys)), release: (e, k) => store.release(e, k), taken: (keys) => store.taken(keys) };
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
    // Released durably: a fresh store on the same storage (the hub restarted) may claim it.
    expect(await new SqlClaimStore(sql, () => clock).claim([{ eventId: 'cr-fail', key: 'k' }])).toEqual(new Set(['cr-fail\u0000k']));
    await store.release('cr-fail', 'k');
    // Outside a task (a batch handler), a claim goes out at once.
    expect(await rounds.once('cr-fail', 'k', async () => {})).toBe(true);
  });

  it('claims expire after their TTL, so the table does not grow without end', async () => {
    await new ClaimRounds(db).once('cr-old', 'k', async () => {});
    clock += CLAIM_TTL_MS + 2 * 86_400_000;
    await new ClaimRounds(db).once('cr-new', 'k', async () => {});
    expect(store.prune()).toBeGreaterThanOrEqual(1);
    const fresh = new SqlClaimStore(sql, () => clock);
    expect(await fresh.claim([{ eventId: 'cr-old', key: 'k' }, { eventId: 'cr-new', key: 'k' }])).toEqual(new Set(['cr-old\u0000k']));
  });

  it('a failed claim call fails every claim of the round and runs nothing', async () => {
    const rounds = new ClaimRounds({ claim: async () => { throw new Error('storage down'); }, release: async () => {}, taken: async () => new Set() });
    let runs = 0;
    const results = await Promise.allSettled([1, 2].map((i) => rounds.run((once) => once(`cr-down-${i}`, 'k', async () => void runs++))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toBe(0);
  });
});
