import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { StatsDb } from '../db';
import { getChannelBreakdown } from '../queries/getChannelBreakdown';
import { getLeaderboard } from '../queries/getLeaderboard';
import { getMemberStats } from '../queries/getMemberStats';
import { getOverview } from '../queries/getOverview';
import { getTimeline } from '../queries/getTimeline';
import type { StatsPending } from '../queries/pending';
import { resolvePeriod } from '../queries/period';
import { createTestDb } from '../testing/createTestDb';
import { fakeEvents } from '../testing/fakeEvents';
import { statsHub } from '../testing/statsHub';
import { StatsLedger } from './StatsLedger';

let db: StatsDb;
let client: PGlite;
let close: () => Promise<void>;
beforeAll(async () => ({ db, client, close } = await createTestDb()));
afterAll(() => close());

const T0 = Date.parse('2025-03-10T10:02:00Z');
const NOW = new Date('2025-03-11T00:00:00Z');
const sec = (s: number) => T0 + s * 1000;
const hubAt = (guild: string) => statsHub(db, guild, { now: () => NOW.getTime() });
const dump = async (guild: string) => {
  const out: Record<string, unknown[]> = {};
  for (const t of ['stats_5min', 'stats_daily', 'stats_member_daily', 'stats_member_totals', 'stats_voice_state']) {
    out[t] = (await client.query(`SELECT * FROM ${t} WHERE guild_id = $1 ORDER BY 1, 2, 3`, [guild])).rows;
  }
  return out;
};

/** Runs `read` on the hub's unflushed counts, flushes, runs it on Postgres alone: both must agree. */
async function beforeAndAfterFlush<T>(hub: ReturnType<typeof statsHub>, read: (pending: StatsPending) => Promise<T>): Promise<T> {
  const live = await read(hub.pending());
  expect(hub.pending().length).toBeGreaterThan(0);
  await hub.flush();
  expect(hub.pending()).toEqual([]);
  expect(await read([])).toEqual(live);
  return live;
}

describe('Stats counted in the guild hub, flushed to Postgres', () => {
  it('counts messages, reactions, joins and leaves: exact live (hub deltas) and after the flush (Postgres)', async () => {
    const f = fakeEvents('g1');
    const hub = hubAt('g1');
    const batch = [
      f.message('u1', 'c1', sec(0)), f.message('u1', 'c1', sec(10)), f.message('u2', 'c2', sec(400)),
      f.message('bot', 'c1', sec(5), { bot: true }), f.reaction('u2', 'c1', sec(20)), f.join('u3', sec(30)),
      f.leave('u4', sec(40)), f.other(sec(1)),
    ];
    expect(hub.count(batch)).toEqual({ counted: 6, fresh: 6, stale: 0 });
    const period = resolvePeriod({ days: 2 }, 'premium', NOW);
    const tlPeriod = resolvePeriod({ from: new Date(T0), to: new Date(sec(900)) }, 'premium', NOW);
    const figures = await beforeAndAfterFlush(hub, async (pending) => ({
      overview: await getOverview(db, 'g1', period, pending),
      channels: await getChannelBreakdown(db, 'g1', period, 100, pending),
      timeline: (await getTimeline(db, 'g1', 'messages', '5m', tlPeriod, pending)).points.filter((p) => p.value > 0),
      board: await getLeaderboard(db, 'g1', 'messages', null, 10, pending),
      u3: (await getMemberStats(db, 'g1', 'u3', period, pending)).totals,
    }));
    expect(figures.overview).toMatchObject({ messages: 3, reactions: 1, joins: 1, leaves: 1, voiceSeconds: 0, activeMembers: 2 });
    expect(figures.channels).toEqual([
      { channelId: 'c1', messages: 2, reactions: 1, voiceSeconds: 0 },
      { channelId: 'c2', messages: 1, reactions: 0, voiceSeconds: 0 },
    ]);
    expect(figures.timeline).toEqual([
      { t: '2025-03-10T10:00:00.000Z', value: 2 },
      { t: '2025-03-10T10:05:00.000Z', value: 1 },
    ]);
    expect(figures.board).toEqual([{ rank: 1, userId: 'u1', value: 2 }, { rank: 2, userId: 'u2', value: 1 }]);
    expect(figures.u3).toMatchObject({ joins: 1, messages: 0, lastJoinedAt: new Date(sec(30)).toISOString() });
    hub.close();
  });

  it('is idempotent per event id, before and after a flush: a re-delivered batch counts nothing, an overlapping one only its new events', async () => {
    const f = fakeEvents('g2');
    const hub = hubAt('g2');
    const batch = [f.message('u1', 'c1', sec(0)), f.voice('u1', 'v1', sec(0)), f.voice('u1', null, sec(90)), f.reaction('u1', 'c1', sec(3))];
    hub.count(batch);
    expect(hub.count(batch)).toMatchObject({ fresh: 0 });
    await hub.flush();
    const before = await dump('g2');
    expect(hub.count(batch)).toMatchObject({ fresh: 0 });
    expect(await hub.flush()).toEqual({ statements: 0, pending: false });
    expect(await dump('g2')).toEqual(before);
    const next = f.message('u1', 'c1', sec(5));
    expect(hub.count([...batch, next, next])).toMatchObject({ counted: 5, fresh: 1 });
    const totals = await getMemberStats(db, 'g2', 'u1', resolvePeriod({ days: 2 }, 'premium', NOW), hub.pending());
    expect(totals.totals).toMatchObject({ messages: 2, reactions: 1, voiceSeconds: 90 });
    hub.close();
  });

  it('credits voice time per channel across batches, moves, mutes and bucket and day boundaries', async () => {
    const f = fakeEvents('g3');
    const hub = hubAt('g3');
    const late = Date.parse('2025-03-10T23:58:00Z');
    hub.count([f.voice('a', 'v1', sec(0)), f.voice('b', 'v2', late)]);
    // a: 0→200 s in v1, then moved to v2, mute (same channel) at 300 s, leaves at 500 s.
    hub.count([f.voice('a', 'v2', sec(200)), f.voice('a', 'v2', sec(300))]);
    await hub.flush();
    hub.count([f.voice('a', null, sec(500)), f.voice('b', null, late + 240_000)]);
    // A late change that agrees with the known timeline (still in v1 at 100 s) moves nothing.
    hub.count([f.voice('a', 'v1', sec(100))]);
    const period = resolvePeriod({ from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-12T00:00:00Z') }, 'premium', new Date('2025-03-12T00:00:00Z'));
    const figures = await beforeAndAfterFlush(hub, async (pending) => ({
      board: await getLeaderboard(db, 'g3', 'voice', null, 10, pending),
      channels: await getChannelBreakdown(db, 'g3', period, 100, pending),
      days: (await getTimeline(db, 'g3', 'voice', '1d', period, pending)).points,
    }));
    expect(figures.board).toEqual([{ rank: 1, userId: 'a', value: 500 }, { rank: 2, userId: 'b', value: 240 }]);
    expect(figures.channels.find((c) => c.channelId === 'v1')?.voiceSeconds).toBe(200);
    expect(figures.channels.find((c) => c.channelId === 'v2')?.voiceSeconds).toBe(300 + 240);
    expect(figures.days).toEqual([
      { t: '2025-03-10T00:00:00.000Z', value: 500 + 120 },
      { t: '2025-03-11T00:00:00.000Z', value: 120 },
    ]);
    const five = (await client.query(`SELECT bucket, sum(voice_ms)::int AS ms FROM stats_5min WHERE guild_id = 'g3' AND channel_id = 'v1' GROUP BY 1 ORDER BY 1`)).rows;
    expect(five).toEqual([
      { bucket: new Date('2025-03-10T10:00:00Z'), ms: 180_000 },
      { bucket: new Date('2025-03-10T10:05:00Z'), ms: 20_000 },
    ]);
    const state = (await client.query(`SELECT user_id, channel_id, since FROM stats_voice_state WHERE guild_id = 'g3' ORDER BY 1`)).rows;
    expect(state).toEqual([
      { user_id: 'a', channel_id: null, since: new Date(sec(500)) },
      { user_id: 'b', channel_id: null, since: new Date(late + 240_000) },
    ]);
    hub.close();
  });

  it('credits voice the same whatever order batches arrive in, flushed in between or not', async () => {
    const f = fakeEvents('g6');
    const hub = hubAt('g6');
    // a: v1 [0, 100), v2 [100, 250), out, v1 [400, 460), out; b's changes are interleaved.
    const batches = [
      [f.voice('a', 'v1', sec(0)), f.voice('b', 'v2', sec(10))],
      [f.voice('a', 'v2', sec(100))],
      [f.voice('a', null, sec(250)), f.voice('b', null, sec(310))],
      [f.voice('a', 'v1', sec(400)), f.voice('a', null, sec(460))],
    ];
    hub.count(batches[3]!);
    hub.count(batches[1]!);
    await hub.flush();
    hub.count(batches[2]!);
    hub.count(batches[0]!);
    const period = resolvePeriod({ from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-11T00:00:00Z') }, 'premium', NOW);
    const figures = await beforeAndAfterFlush(hub, async (pending) => ({
      channels: (await getChannelBreakdown(db, 'g6', period, 100, pending)).map((c) => [c.channelId, c.voiceSeconds]).sort(),
      board: (await getLeaderboard(db, 'g6', 'voice', null, 10, pending)).map((e) => [e.userId, e.value]),
    }));
    expect(figures).toEqual({ channels: [['v1', 160], ['v2', 150 + 300]], board: [['a', 310], ['b', 300]] });
    const five = (await client.query(`SELECT sum(voice_ms)::int AS ms, min(voice_ms)::int AS lowest FROM stats_5min WHERE guild_id = 'g6'`)).rows[0] as { ms: number; lowest: number };
    expect(five.ms).toBe(610_000);
    expect(five.lowest).toBeGreaterThanOrEqual(0);
    hub.close();
  });

  it('opens no connection when nothing is pending, and honours the config', async () => {
    const f = fakeEvents('g5');
    const hub = hubAt('g5');
    const untouchable = new Proxy({}, { get: () => { throw new Error('Postgres touched'); } }) as StatsDb;
    expect(hub.count([f.other(sec(0)), f.message('b', 'c', sec(0), { bot: true })])).toEqual({ counted: 0, fresh: 0, stale: 0 });
    expect(await hub.flush(untouchable)).toEqual({ statements: 0, pending: false });
    const config = { ignoredChannelIds: ['111111111111111111'], countBots: true };
    const events = [f.message('u', '111111111111111111', sec(0)), f.message('bot', '222222222222222222', sec(0), { bot: true })].map((e) => ({ ...e, config }));
    expect(hub.count(events)).toMatchObject({ counted: 1 });
    expect(await getLeaderboard(db, 'g5', 'messages', null, 10, hub.pending())).toEqual([{ rank: 1, userId: 'bot', value: 1 }]);
    hub.close();
  });

  it('survives the hub being evicted: pending counts and counted ids come back from its SQLite', async () => {
    const f = fakeEvents('g8');
    const hub = hubAt('g8');
    const batch = [f.message('u', 'c', sec(0)), f.voice('u', 'v1', sec(0)), f.voice('u', null, sec(60))];
    hub.count(batch);
    // A new instance over the same storage (the DO's memory is gone, its SQLite is not).
    const revived = StatsLedger.of({ query: hub.local.query.bind(hub.local), transaction: hub.local.transaction.bind(hub.local) });
    expect(revived).not.toBe(hub.ledger);
    expect(revived.pending()).toEqual(hub.ledger.pending());
    expect(revived.count(batch, NOW.getTime())).toMatchObject({ fresh: 0 });
    expect(revived.count([f.voice('u', 'v2', sec(30))], NOW.getTime())).toMatchObject({ fresh: 1 });
    // The late move re-credits the stretch: 30 s in v1, 30 s in v2.
    const channels = await getChannelBreakdown(db, 'g8', resolvePeriod({ days: 2 }, 'premium', NOW), 100, revived.pending().map((g) => ({ flushId: g.flushId, ...g.deltas })));
    expect(channels.map((c) => [c.channelId, c.voiceSeconds]).sort()).toEqual([['c', 0], ['v1', 30], ['v2', 30]]);
    hub.close();
  });

  it("recognizes a re-delivery whatever the shard's clock says against the hub's", async () => {
    const f = fakeEvents('g9');
    let clock = sec(0) - 3_600_000; // the hub's clock an hour behind the shard's
    const hub = statsHub(db, 'g9', { now: () => clock });
    const batch = [f.message('u', 'c', sec(0)), f.message('u', 'c', sec(1))];
    expect(hub.count(batch)).toMatchObject({ fresh: 2 });
    clock = sec(0) + 7_200_000;
    expect(hub.count(batch)).toMatchObject({ fresh: 0 });
    hub.close();
  });

  it("keeps members' voice changes in the batch's journal row (no row per member) and still credits across the window", async () => {
    const f = fakeEvents('g10');
    const H = 3_600_000;
    let clock = sec(0);
    const hub = statsHub(db, 'g10', { now: () => clock });
    const at = (h: number) => ((clock = sec(0) + h * H), clock);
    hub.count([f.voice('u', 'v1', at(0))]);
    const before = hub.local.rowsWritten;
    hub.count([f.voice('u', null, at(1)), f.voice('w', 'v2', clock + 1), f.voice('x', 'v2', clock + 2)]);
    // Three members' changes: one row written (the batch merged into its generation's journal row).
    expect(hub.local.rowsWritten - before).toBe(1);
    hub.count([f.voice('u', 'v1', at(72))]);
    hub.count([f.voice('u', null, at(73))]);
    const board = await getLeaderboard(db, 'g10', 'voice', null, 10, hub.pending());
    expect(board.find((e) => e.userId === 'u')).toEqual({ rank: 1, userId: 'u', value: 2 * 3_600 });
    hub.close();
  });

  it('credits a stay in voice longer than the window, its join pruned from the journal meanwhile, even after an eviction', async () => {
    const f = fakeEvents('g11');
    const H = 3_600_000;
    let clock = sec(0);
    const hub = statsHub(db, 'g11', { now: () => clock });
    const at = (h: number) => ((clock = sec(0) + h * H), clock);
    hub.count([f.voice('u', 'v1', at(0)), f.voice('w', 'v1', clock), f.voice('w', null, clock + 60_000)]);
    await hub.flush();
    at(60);
    hub.count([f.message('u', 'c', clock)]);
    // This flush prunes the first journal row (flushed more than 48 h ago).
    await hub.flush();
    expect(hub.local.query<{ n: number }>(`SELECT count(*) AS n FROM stats_journal WHERE at < ?`, clock - 48 * H)[0]!.n).toBe(0);
    const revived = StatsLedger.of({ query: hub.local.query.bind(hub.local), transaction: hub.local.transaction.bind(hub.local) });
    revived.count([f.voice('u', null, at(61))], clock);
    const board = await getLeaderboard(db, 'g11', 'voice', null, 10, revived.pending().map((g) => ({ flushId: g.flushId, ...g.deltas })));
    // An interval is credited 24 h at most (a missed leave must not count days); w's minute stays.
    expect(board).toEqual([{ rank: 1, userId: 'u', value: 24 * 3_600 }, { rank: 2, userId: 'w', value: 60 }]);
    hub.close();
  });

  it('refuses events older than the idempotency window (it cannot tell whether they were counted)', async () => {
    const f = fakeEvents('g7');
    const hub = statsHub(db, 'g7', { now: () => sec(0) + 3 * 86_400_000 });
    expect(hub.count([f.message('u', 'c', sec(0)), f.message('u', 'c', sec(0) + 2 * 86_400_000)])).toEqual({ counted: 2, fresh: 1, stale: 1 });
    hub.close();
  });
});

describe('the flush never loses or double-counts', () => {
  const period = resolvePeriod({ days: 2 }, 'premium', NOW);
  const messages = async (guild: string, pending: StatsPending) => (await getOverview(db, guild, period, pending)).messages;

  it('keeps the deltas when Postgres fails, and sends them again', async () => {
    const f = fakeEvents('f1');
    const hub = hubAt('f1');
    hub.count([f.message('u', 'c', sec(0)), f.message('u', 'c', sec(1))]);
    const down = { execute: () => Promise.reject(new Error('connection refused')) } as unknown as StatsDb;
    await expect(hub.flush(down)).rejects.toThrow('connection refused');
    // Counted meanwhile: a new generation; the failed one is sent first next time.
    hub.count([f.message('u', 'c', sec(2))]);
    expect(hub.pending()).toHaveLength(2);
    expect(await messages('f1', hub.pending())).toBe(3);
    // The two generations, the guild's retention (once a day), the hub's snapshot, on the same connection.
    expect(await hub.flush()).toEqual({ statements: 4, pending: false });
    expect(await messages('f1', [])).toBe(3);
    hub.close();
  });

  it('adds nothing when a flush Postgres committed is sent again (the answer was lost)', async () => {
    const f = fakeEvents('f2');
    const hub = hubAt('f2');
    hub.count([f.message('u', 'c', sec(0)), f.join('u', sec(0))]);
    const lost = { execute: async (q: never) => { await db.execute(q); throw new Error('socket closed before the answer'); } } as unknown as StatsDb;
    await expect(hub.flush(lost)).rejects.toThrow('socket closed');
    expect(await messages('f2', [])).toBe(1);
    // Still pending in the hub, but a read does not add a generation Postgres already has.
    expect(await messages('f2', hub.pending())).toBe(1);
    await hub.flush();
    expect(await messages('f2', [])).toBe(1);
    expect((await getMemberStats(db, 'f2', 'u', period)).totals).toMatchObject({ messages: 1, joins: 1 });
    hub.close();
  });

  it('a read racing a flush counts each generation once', async () => {
    const f = fakeEvents('f3');
    const hub = hubAt('f3');
    hub.count([f.message('u', 'c', sec(0))]);
    const seenBefore = hub.pending();
    await hub.flush();
    expect(await messages('f3', seenBefore)).toBe(1);
    hub.close();
  });
});
