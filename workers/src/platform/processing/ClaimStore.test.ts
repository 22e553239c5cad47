import { describe, expect, it } from 'vitest';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import type { SqlExec } from '../../lib/sql/SqlExec';
import { CLAIM_TTL_MS, SqlClaimStore } from './ClaimStore';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;

/** The store's SQL, counting rows written as SQLite reports them. */
function counted(): SqlExec & { rows: number; db: ReturnType<typeof sqliteExec>['db'] } {
  const inner = sqliteExec();
  const out = {
    db: inner.db,
    rows: 0,
    exec: ((query: string, ...bindings: never[]) => {
      const r = inner.exec(query, ...bindings);
      out.rows += r.rowsWritten;
      return r;
    }) as SqlExec['exec'],
    transaction: inner.transaction,
  };
  return out;
}

const won = (s: Set<string>) => [...s].map((x) => x.split('\u0000')[0]).sort();

describe('SqlClaimStore', () => {
  it('writes one row per claim round, whatever its number of claims, and a restarted hub sees them', async () => {
    const sql = counted();
    let now = T0;
    const store = new SqlClaimStore(sql, () => now);
    await store.claim([]);
    sql.rows = 0;
    const keys = Array.from({ length: 20 }, (_, i) => ({ eventId: `e${i}`, key: 'welcome:message', at: now }));
    expect(won(await store.claim(keys))).toHaveLength(20);
    expect(sql.rows).toBe(1);
    now += 60_000;
    expect(won(await store.claim([{ eventId: 'e20', key: 'welcome:message', at: now }, { eventId: 'e0', key: 'welcome:message', at: T0 }]))).toEqual(['e20']);
    expect(sql.rows).toBe(2);
    // A round whose claims are all taken writes nothing.
    expect((await store.claim([{ eventId: 'e1', key: 'welcome:message', at: T0 }])).size).toBe(0);
    expect(sql.rows).toBe(2);
    // Another instance on the same storage (the hub after an eviction) knows every claim, the next day too.
    now += DAY;
    const again = new SqlClaimStore(sql, () => now);
    expect(won(await again.claim([{ eventId: 'e5', key: 'welcome:message', at: T0 }, { eventId: 'e5', key: 'welcome:autorole', at: T0 }]))).toEqual(['e5']);
  });

  it('finds the claim of an event delivered again days later (a dead letter retried), from the day it was received', async () => {
    const sql = counted();
    let now = T0;
    const store = new SqlClaimStore(sql, () => now);
    await store.claim([{ eventId: 'old', key: 'k', at: now }]);
    now += 10 * DAY;
    const later = new SqlClaimStore(sql, () => now);
    expect((await later.claim([{ eventId: 'old', key: 'k', at: T0 }])).size).toBe(0);
    // Without a receive time every kept day is looked at.
    expect((await new SqlClaimStore(sql, () => now).claim([{ eventId: 'old', key: 'k' }])).size).toBe(0);
  });

  it('a released claim can be taken again, also after a restart', async () => {
    const sql = counted();
    const store = new SqlClaimStore(sql, () => T0);
    await store.claim([{ eventId: 'x', key: 'k', at: T0 }, { eventId: 'y', key: 'k', at: T0 }]);
    await store.release('x', 'k');
    expect(won(await new SqlClaimStore(sql, () => T0).claim([{ eventId: 'x', key: 'k', at: T0 }, { eventId: 'y', key: 'k', at: T0 }]))).toEqual(['x']);
  });

  it('splits a busy day into rows of bounded size and deletes whole days after the TTL', async () => {
    const sql = counted();
    let now = T0;
    const store = new SqlClaimStore(sql, () => now);
    for (let r = 0; r < 40; r++) await store.claim(Array.from({ length: 50 }, (_, i) => ({ eventId: `GUILD_MEMBER_ADD:${r}:${i}:2026-11-30T04:00:00.000Z`, key: 'welcome:message', at: now })));
    const parts = sql.exec<{ n: number; longest: number }>('SELECT count(*) AS n, max(length(ids)) AS longest FROM claim_days').toArray()[0]!;
    expect(parts.n).toBeGreaterThan(1);
    expect(parts.longest).toBeLessThan(80_000);
    now += CLAIM_TTL_MS + 2 * DAY;
    await store.claim([{ eventId: 'today', key: 'k', at: now }]);
    expect(store.prune()).toBe(parts.n);
    expect(sql.exec('SELECT day FROM claim_days').toArray()).toHaveLength(1);
  });

  it('honours the claims of the older row-per-claim table until they expire, then drops it', async () => {
    const sql = counted();
    sql.exec('CREATE TABLE claims (event_id TEXT NOT NULL, effect_key TEXT NOT NULL, claimed_at INTEGER NOT NULL, PRIMARY KEY (event_id, effect_key)) WITHOUT ROWID');
    sql.exec('INSERT INTO claims VALUES (?, ?, ?)', 'legacy', 'k', T0);
    let now = T0 + DAY;
    const store = new SqlClaimStore(sql, () => now);
    expect(won(await store.claim([{ eventId: 'legacy', key: 'k', at: T0 }, { eventId: 'new', key: 'k', at: now }]))).toEqual(['new']);
    await store.release('legacy', 'k');
    expect(won(await store.claim([{ eventId: 'legacy', key: 'k', at: T0 }]))).toEqual(['legacy']);
    now += CLAIM_TTL_MS;
    store.prune();
    expect(sql.exec(`SELECT name FROM sqlite_master WHERE name = 'claims'`).toArray()).toEqual([]);
  });
});
