import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { StatsDb } from '../db';
import { createTestDb } from '../testing/createTestDb';
import { fakeEvents } from '../testing/fakeEvents';
import { statsHub } from '../testing/statsHub';
import { runStatsRetention } from './runStatsRetention';

let db: StatsDb;
let client: PGlite;
let close: () => Promise<void>;
beforeAll(async () => ({ db, client, close } = await createTestDb()));
afterAll(() => close());

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0) => NOW.getTime() - days * DAY + extraMs;
const count = async (table: string, guild: string) =>
  Number((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE guild_id = $1`, [guild])).rows[0]!.n);

describe('runStatsRetention', () => {
  it("deletes what is older than each guild's plan window and nothing else", async () => {
    await client.query(`INSERT INTO guilds (id, name, plan) VALUES ('free', 'F', 'free'), ('prem', 'P', 'premium'), ('max', 'M', 'max')`);
    // Per guild: one message just inside each window and one just outside, plus an old day.
    const ages: [string, number[]][] = [
      ['free', [6.9, 7.1]],
      ['prem', [6.9, 7.1, 89.9, 90.1]],
      ['max', [89.9, 90.1, 364, 366]],
      ['nowhere', [6.9, 7.1]], // not in `guilds`: treated as free
    ];
    for (const [guild, list] of ages) {
      const f = fakeEvents(guild);
      // Each counted by the guild's hub when it happened, and flushed.
      let clock = 0;
      const hub = statsHub(db, guild, { now: () => clock });
      for (const d of list) {
        clock = ago(d);
        hub.count([f.message('u1', 'c1', ago(d))]);
        await hub.flush();
      }
      hub.close();
    }
    const before = Object.fromEntries(
      await Promise.all(['free', 'prem', 'max', 'nowhere'].map(async (g) => [g, await count('stats_member_totals', g)] as const)),
    );
    const res = await runStatsRetention(db, NOW);

    // 5-minute buckets: exactly those older than the window are gone.
    expect(await count('stats_5min', 'free')).toBe(1);
    expect(await count('stats_5min', 'prem')).toBe(3);
    expect(await count('stats_5min', 'max')).toBe(3);
    // Member days: a row goes once its whole UTC day is outside the window (7.1 and 6.9 days
    // ago share a day that ends inside the free window, so it stays; 366 days ago goes on max).
    const maxDays = (await client.query<{ day: Date }>(`SELECT day FROM stats_member_daily WHERE guild_id = 'max' ORDER BY day`)).rows;
    expect(maxDays.map((r) => r.day.getTime())).toEqual([...new Set([ago(364), ago(90.1), ago(89.9)].map((t) => Math.floor(t / DAY) * DAY))]);
    expect(await count('stats_member_daily', 'free')).toBe(1);
    // Guild-level days: 365 days on every plan (max had 3 distinct days: 366 goes, 364 and 90 stay;
    // free keeps its single day although its raw rows of that day are partly gone).
    expect(await count('stats_daily', 'max')).toBe(2);
    expect(await count('stats_daily', 'free')).toBe(1);
    // Cumulative totals are never trimmed.
    for (const g of ['free', 'prem', 'max', 'nowhere']) expect(await count('stats_member_totals', g)).toBe(before[g]);
    expect(res).toMatchObject({ buckets5min: 4 });
    // A second run deletes nothing more.
    expect(await runStatsRetention(db, NOW)).toEqual({ buckets5min: 0, memberDays: 0, days: 0, voiceStates: 0, flushes: 0 });
  });

  it("applies one guild's retention alone (what its hub's daily flush runs)", async () => {
    for (const guild of ['g-a', 'g-b']) {
      const f = fakeEvents(guild);
      const hub = statsHub(db, guild, { now: () => ago(10) });
      hub.count([f.message('u1', 'c1', ago(10))]);
      await hub.flush();
      hub.close();
    }
    expect(await runStatsRetention(db, NOW, 'g-a')).toMatchObject({ buckets5min: 1, memberDays: 1 });
    expect(await count('stats_5min', 'g-a')).toBe(0);
    expect(await count('stats_5min', 'g-b')).toBe(1);
  });
});
