import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { StatsDb } from './db';
import { getChannelBreakdown } from './queries/getChannelBreakdown';
import { getLeaderboard } from './queries/getLeaderboard';
import { getMemberStats } from './queries/getMemberStats';
import { getOverview } from './queries/getOverview';
import { getTimeline } from './queries/getTimeline';
import type { StatsPending } from './queries/pending';
import { resolvePeriod } from './queries/period';
import { createTestDb } from './testing/createTestDb';
import { scenarioStream } from './testing/scenarioStream';
import { statsHub } from './testing/statsHub';

let db: StatsDb;
let client: PGlite;
let close: () => Promise<void>;
let run: Awaited<ReturnType<typeof scenarioStream>>;
beforeAll(async () => {
  ({ db, client, close } = await createTestDb());
  // 5 s per clock read: the scenario spans more than a day, so buckets and days are crossed.
  run = await scenarioStream({ actions: 6_000, startAt: Date.UTC(2025, 4, 1, 20, 0), tickMs: 5_000 });
});
afterAll(() => close());

const ms = (seconds: number) => Math.round(seconds * 1000);
const dump = async () =>
  Promise.all(['stats_5min', 'stats_daily', 'stats_member_daily', 'stats_member_totals', 'stats_voice_state', 'stats_flushes'].map(
    async (t) => (await client.query(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)).rows,
  ));

describe('stats against the simulator scenario (ground truth)', () => {
  it('counts a 6,000-action scenario exactly in the hub, live between hourly flushes and after them, and re-delivery changes nothing', async () => {
    const { events, tally, guildId, log } = run;
    expect(events.length).toBeGreaterThanOrEqual(5_000);
    const batches: (typeof events)[] = [];
    for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));
    // The hub's clock follows the events; its alarm flushes at each wall-clock hour.
    let clock = events[0]!.receivedAt.getTime();
    const hub = statsHub(db, guildId, { now: () => clock });
    let flushes = 0;
    for (const b of batches) {
      const last = b[b.length - 1]!.receivedAt.getTime();
      if (Math.floor(last / 3_600_000) > Math.floor(clock / 3_600_000)) {
        clock = Math.floor(last / 3_600_000) * 3_600_000;
        if ((await hub.flush()).statements > 0) flushes++;
      }
      clock = last;
      hub.count(b);
    }
    expect(flushes).toBeGreaterThanOrEqual(5);
    // The last hour is still in the hub: every figure below adds it.
    expect(hub.pending().length).toBeGreaterThan(0);

    const now = new Date(run.endedAt + 3_600_000);
    const period = resolvePeriod({ from: new Date(events[0]!.receivedAt.getTime() - 60_000), to: now }, 'max', now);
    const g = tally.guilds[guildId]!;
    const sum = (k: 'messages' | 'reactions' | 'voiceSeconds') => Object.values(g.members).reduce((a, m) => a + m[k], 0);
    const active = new Set(log.filter((e) => ['message', 'reaction', 'voiceJoin', 'voiceMove', 'voiceLeave'].includes(e.type)).map((e) => e.userId));

    const checkAgainstTally = async (pending: StatsPending) => {
      // Per channel: messages, reactions, voice time.
      const channels = await getChannelBreakdown(db, guildId, period, 1_000, pending);
      const truthChannels = Object.entries(g.channels)
        .filter(([, c]) => c.messages || c.reactions || c.voiceSeconds)
        .map(([id, c]) => ({ channelId: id, messages: c.messages, reactions: c.reactions, voiceMs: ms(c.voiceSeconds) }))
        .sort((a, b) => a.channelId.localeCompare(b.channelId));
      expect(channels.map((c) => ({ channelId: c.channelId, messages: c.messages, reactions: c.reactions, voiceMs: ms(c.voiceSeconds) }))
        .sort((a, b) => a.channelId.localeCompare(b.channelId))).toEqual(truthChannels);

      // Per member: every counter, through the member query.
      for (const [userId, m] of Object.entries(g.members)) {
        const s = await getMemberStats(db, guildId, userId, period, pending);
        expect({ id: userId, messages: s.totals.messages, reactions: s.totals.reactions, joins: s.totals.joins, leaves: s.totals.leaves, voiceMs: ms(s.totals.voiceSeconds) })
          .toEqual({ id: userId, messages: m.messages, reactions: m.reactions, joins: m.joins, leaves: m.leaves, voiceMs: ms(m.voiceSeconds) });
        expect(s.period.messages).toBe(m.messages);
      }

      // Guild overview over the whole run.
      const overview = await getOverview(db, guildId, period, pending);
      expect({ ...overview, voiceMs: ms(overview.voiceSeconds) }).toMatchObject({
        messages: g.byType.message, reactions: g.byType.reaction, joins: g.byType.join, leaves: g.byType.leave,
        voiceMs: ms(sum('voiceSeconds')), activeMembers: active.size,
      });
      expect(sum('messages')).toBe(g.byType.message);

      // Timelines add up to the totals at both granularities.
      for (const gran of ['5m', '1d'] as const) {
        const tl = await getTimeline(db, guildId, 'messages', gran, period, pending);
        expect(tl.points.reduce((a, p) => a + p.value, 0)).toBe(g.byType.message);
      }
      const days = await getTimeline(db, guildId, 'voice', '1d', period, pending);
      expect(days.points.length).toBeGreaterThanOrEqual(2);
      expect(ms(days.points.reduce((a, p) => a + p.value, 0))).toBe(ms(sum('voiceSeconds')));

      // Leaderboards: the tally's order (ties by user id).
      for (const [metric, key] of [['messages', 'messages'], ['reactions', 'reactions'], ['voice', 'voiceSeconds']] as const) {
        const board = await getLeaderboard(db, guildId, metric, null, 10, pending);
        const truth = Object.entries(g.members)
          .filter(([, m]) => m[key] > 0)
          .sort(([a, x], [b, y]) => y[key] - x[key] || (a < b ? -1 : 1))
          .slice(0, 10)
          .map(([id, m]) => [id, key === 'voiceSeconds' ? ms(m[key]) : m[key]]);
        expect(board.map((e) => [e.userId, metric === 'voice' ? ms(e.value) : e.value])).toEqual(truth);
      }
    };

    // Live: Postgres (flushed hours) plus the hub's last hour.
    await checkAgainstTally(hub.pending());
    // After the last flush: Postgres alone.
    await hub.flush();
    expect(hub.pending()).toEqual([]);
    await checkAgainstTally([]);

    // Re-delivery: some batches again, then the whole stream again, shifted: nothing is fresh.
    const before = await dump();
    for (const i of [0, 7, batches.length - 1]) expect(hub.count(batches[i]!).fresh).toBe(0);
    for (let i = 50; i < events.length; i += 100) expect(hub.count(events.slice(i, i + 100)).fresh).toBe(0);
    expect(hub.pending()).toEqual([]);
    expect(await hub.flush()).toEqual({ statements: 0, pending: false });
    expect(await dump()).toEqual(before);
    hub.close();
  });
});
