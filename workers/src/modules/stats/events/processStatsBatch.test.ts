import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { StatsDb } from '../db';
import { getChannelBreakdown } from '../queries/getChannelBreakdown';
import { getLeaderboard } from '../queries/getLeaderboard';
import { getMemberStats } from '../queries/getMemberStats';
import { getOverview } from '../queries/getOverview';
import { getTimeline } from '../queries/getTimeline';
import { resolvePeriod } from '../queries/period';
import { createTestDb } from '../testing/createTestDb';
import { fakeEvents } from '../testing/fakeEvents';
import { processStatsBatch } from './processStatsBatch';

let db: StatsDb;
let client: PGlite;
let close: () => Promise<void>;
beforeAll(async () => ({ db, client, close } = await createTestDb()));
afterAll(() => close());

const T0 = Date.parse('2025-03-10T10:02:00Z');
const NOW = new Date('2025-03-11T00:00:00Z');
const sec = (s: number) => T0 + s * 1000;
const dump = async (guild: string) => {
  const out: Record<string, unknown[]> = {};
  for (const t of ['stats_events', 'stats_5min', 'stats_daily', 'stats_member_daily', 'stats_member_totals', 'stats_voice_state']) {
    out[t] = (await client.query(`SELECT * FROM ${t} WHERE guild_id = $1 ORDER BY 1, 2, 3`, [guild])).rows;
  }
  return out;
};

describe('processStatsBatch', () => {
  it('counts messages, reactions, joins and leaves into every rollup in one statement (in its lock transaction)', async () => {
    const f = fakeEvents('g1');
    const batch = [
      f.message('u1', 'c1', sec(0)), f.message('u1', 'c1', sec(10)), f.message('u2', 'c2', sec(400)),
      f.message('bot', 'c1', sec(5), { bot: true }), f.reaction('u2', 'c1', sec(20)), f.join('u3', sec(30)),
      f.leave('u4', sec(40)), f.other(sec(1)),
    ];
    expect(await processStatsBatch(db, batch)).toEqual({ counted: 6, fresh: 6, roundTrips: 4 });
    const period = resolvePeriod({ days: 2 }, 'premium', NOW);
    expect(await getOverview(db, 'g1', period)).toMatchObject({ messages: 3, reactions: 1, joins: 1, leaves: 1, voiceSeconds: 0, activeMembers: 2 });
    expect(await getChannelBreakdown(db, 'g1', period)).toEqual([
      { channelId: 'c1', messages: 2, reactions: 1, voiceSeconds: 0 },
      { channelId: 'c2', messages: 1, reactions: 0, voiceSeconds: 0 },
    ]);
    const tl = await getTimeline(db, 'g1', 'messages', '5m', resolvePeriod({ from: new Date(T0), to: new Date(sec(900)) }, 'premium', NOW));
    expect(tl.points.filter((p) => p.value > 0)).toEqual([
      { t: '2025-03-10T10:00:00.000Z', value: 2 },
      { t: '2025-03-10T10:05:00.000Z', value: 1 },
    ]);
    expect(await getLeaderboard(db, 'g1', 'messages', null, 10)).toEqual([
      { rank: 1, userId: 'u1', value: 2 },
      { rank: 2, userId: 'u2', value: 1 },
    ]);
    const u3 = await getMemberStats(db, 'g1', 'u3', period);
    expect(u3.totals).toMatchObject({ joins: 1, messages: 0, lastJoinedAt: new Date(sec(30)).toISOString() });
  });

  it('is idempotent per event id: a re-processed batch changes nothing, an overlapping one counts only the new events', async () => {
    const f = fakeEvents('g2');
    const batch = [f.message('u1', 'c1', sec(0)), f.voice('u1', 'v1', sec(0)), f.voice('u1', null, sec(90)), f.reaction('u1', 'c1', sec(3))];
    await processStatsBatch(db, batch);
    const before = await dump('g2');
    expect(await processStatsBatch(db, batch)).toMatchObject({ fresh: 0 });
    expect(await dump('g2')).toEqual(before);
    const next = f.message('u1', 'c1', sec(5));
    expect(await processStatsBatch(db, [...batch, next, next])).toMatchObject({ counted: 5, fresh: 1 });
    const totals = await getMemberStats(db, 'g2', 'u1', resolvePeriod({ days: 2 }, 'premium', NOW));
    expect(totals.totals).toMatchObject({ messages: 2, reactions: 1, voiceSeconds: 90 });
  });

  it('credits voice time per channel across batches, moves, mutes and bucket and day boundaries', async () => {
    const f = fakeEvents('g3');
    const late = Date.parse('2025-03-10T23:58:00Z');
    await processStatsBatch(db, [f.voice('a', 'v1', sec(0)), f.voice('b', 'v2', late)]);
    // a: 0→200 s in v1, then moved to v2, mute (same channel) at 300 s, leaves at 500 s.
    await processStatsBatch(db, [f.voice('a', 'v2', sec(200)), f.voice('a', 'v2', sec(300))]);
    await processStatsBatch(db, [f.voice('a', null, sec(500)), f.voice('b', null, late + 240_000)]);
    // A late change that agrees with the known timeline (still in v1 at 100 s) moves nothing.
    await processStatsBatch(db, [f.voice('a', 'v1', sec(100))]);
    const board = await getLeaderboard(db, 'g3', 'voice', null, 10);
    expect(board).toEqual([
      { rank: 1, userId: 'a', value: 500 },
      { rank: 2, userId: 'b', value: 240 },
    ]);
    const period = resolvePeriod({ from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-12T00:00:00Z') }, 'premium', new Date('2025-03-12T00:00:00Z'));
    const channels = await getChannelBreakdown(db, 'g3', period);
    expect(channels.find((c) => c.channelId === 'v1')?.voiceSeconds).toBe(200);
    expect(channels.find((c) => c.channelId === 'v2')?.voiceSeconds).toBe(300 + 240);
    const days = await getTimeline(db, 'g3', 'voice', '1d', period);
    expect(days.points).toEqual([
      { t: '2025-03-10T00:00:00.000Z', value: 500 + 120 },
      { t: '2025-03-11T00:00:00.000Z', value: 120 },
    ]);
    const five = (await client.query(`SELECT bucket, sum(voice_ms)::int AS ms FROM stats_5min WHERE guild_id = 'g3' AND channel_id = 'v1' GROUP BY 1 ORDER BY 1`)).rows;
    expect(five).toEqual([
      { bucket: new Date('2025-03-10T10:00:00Z'), ms: 180_000 },
      { bucket: new Date('2025-03-10T10:05:00Z'), ms: 20_000 },
    ]);
  });

  it('credits voice the same whatever order batches arrive in (late deliveries, the sweep)', async () => {
    const f = fakeEvents('g6');
    // a: v1 [0, 100), v2 [100, 250), out, v1 [400, 460), out; b's changes are interleaved.
    const batches = [
      [f.voice('a', 'v1', sec(0)), f.voice('b', 'v2', sec(10))],
      [f.voice('a', 'v2', sec(100))],
      [f.voice('a', null, sec(250)), f.voice('b', null, sec(310))],
      [f.voice('a', 'v1', sec(400)), f.voice('a', null, sec(460))],
    ];
    for (const i of [3, 1, 2, 0]) await processStatsBatch(db, batches[i]!);
    const period = resolvePeriod({ from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-11T00:00:00Z') }, 'premium', NOW);
    const channels = await getChannelBreakdown(db, 'g6', period);
    expect(channels.map((c) => [c.channelId, c.voiceSeconds]).sort()).toEqual([['v1', 160], ['v2', 150 + 300]]);
    expect((await getLeaderboard(db, 'g6', 'voice', null, 10)).map((e) => [e.userId, e.value])).toEqual([['a', 310], ['b', 300]]);
    const five = (await client.query(`SELECT sum(voice_ms)::int AS ms, min(voice_ms)::int AS lowest FROM stats_5min WHERE guild_id = 'g6'`)).rows[0];
    expect(five).toEqual({ ms: 610_000, lowest: expect.any(Number) });
    expect((five as { lowest: number }).lowest).toBeGreaterThanOrEqual(0);
  });

  it('spends no round trip on a batch with nothing to count', async () => {
    const f = fakeEvents('g4');
    expect(await processStatsBatch(db, [f.other(sec(0)), f.message('b', 'c', sec(0), { bot: true })])).toEqual({ counted: 0, fresh: 0, roundTrips: 0 });
  });

  it('honours the config: ignored channels and countBots', async () => {
    const f = fakeEvents('g5');
    const config = { ignoredChannelIds: ['111111111111111111'], countBots: true };
    const events = [f.message('u', '111111111111111111', sec(0)), f.message('bot', '222222222222222222', sec(0), { bot: true })].map((e) => ({ ...e, config }));
    expect(await processStatsBatch(db, events)).toMatchObject({ counted: 1 });
    expect(await getLeaderboard(db, 'g5', 'messages', null, 10)).toEqual([{ rank: 1, userId: 'bot', value: 1 }]);
  });
});
