import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { onError } from '../../errors';
import { requestContext } from '../../middleware/request-context';
import type { AppEnv } from '../../types';
import type { Plan } from '../../platform/ModuleDefinition';
import type { FlushReport } from '../../platform/flushModules';
import { createStatsApi } from './api';
import type { StatsDb } from './db';
import type { ChannelStats } from './queries/getChannelBreakdown';
import type { LeaderboardEntry } from './queries/getLeaderboard';
import type { MemberStats } from './queries/getMemberStats';
import type { StatsOverview } from './queries/getOverview';
import type { Timeline } from './queries/getTimeline';
import type { MemberDay } from './queries/getMemberDaily';
import { createTestDb } from './testing/createTestDb';
import { fakeEvents } from './testing/fakeEvents';
import { statsHub } from './testing/statsHub';

const FREE = '100000000000000001';
const PREMIUM = '100000000000000002';
const NOW = new Date('2025-06-10T12:00:00Z');
const plans: Record<string, Plan> = { [FREE]: 'free', [PREMIUM]: 'premium' };
let db: StatsDb;
let close: () => Promise<void>;
let app: Hono<AppEnv>;
const hubs: Record<string, ReturnType<typeof statsHub>> = {};

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  app = new Hono<AppEnv>();
  app.use('*', requestContext({ sink: () => {} }));
  // The routes read what each guild's hub has not flushed yet along with the plan.
  const hub = async (_c: unknown, id: string) => ({ plan: plans[id] ?? 'free', pending: hubs[id]?.pending() ?? [] });
  app.route('/api/guilds/:guildId/modules/stats', createStatsApi({ withDb: (_c, fn) => fn(db), hub, now: () => NOW }));
  app.onError(onError);
  for (const guild of [FREE, PREMIUM]) {
    const f = fakeEvents(guild);
    const t = NOW.getTime();
    let clock = t - 20 * 86_400_000;
    hubs[guild] = statsHub(db, guild, { now: () => clock });
    // Older activity is in Postgres (flushed); the last hour's is still in the hub.
    hubs[guild].count([f.message('200000000000000002', '300000000000000002', t - 20 * 86_400_000)]); // outside the free window
    await hubs[guild].flush();
    clock = t;
    hubs[guild].count([
      f.message('200000000000000001', '300000000000000001', t - 3_600_000),
      f.message('200000000000000001', '300000000000000001', t - 3_500_000),
      f.reaction('200000000000000002', '300000000000000001', t - 3_000_000),
      f.join('200000000000000003', t - 60_000),
    ]);
  }
});
afterAll(async () => {
  for (const h of Object.values(hubs)) h.close();
  await close();
});

const get = (path: string) => app.request(`/api/guilds${path}`);
/** The JSON body of a GET, typed as the route's answer. */
const getJson = async <T>(path: string): Promise<T> => (await get(path)).json();
type PeriodJson = { from: string; to: string; clamped: boolean };
type OverviewJson = { plan: Plan; period: PeriodJson; overview: StatsOverview; topChannels: ChannelStats[] };
type LeaderboardJson = { entries: LeaderboardEntry[] };

describe('stats API', () => {
  it('answers the overview, clamped to the plan window', async () => {
    const free = await getJson<OverviewJson>(`/${FREE}/modules/stats/overview?days=30`);
    expect(free.period.clamped).toBe(true);
    expect(free.overview).toMatchObject({ messages: 2, reactions: 1, joins: 1, activeMembers: 2 });
    expect(free.topChannels[0]).toMatchObject({ channelId: '300000000000000001', messages: 2 });
    const premium = await getJson<OverviewJson>(`/${PREMIUM}/modules/stats/overview?days=30`);
    expect(premium.period.clamped).toBe(false);
    expect(premium.overview.messages).toBe(3);
  });

  it('answers timelines, channels, a member and leaderboards', async () => {
    const tl = await getJson<Timeline>(`/${PREMIUM}/modules/stats/timeline?metric=messages&granularity=1d&days=30`);
    expect(tl.points.reduce((a, p) => a + p.value, 0)).toBe(3);
    const ch = await getJson<{ channels: ChannelStats[] }>(`/${PREMIUM}/modules/stats/channels?days=2`);
    expect(ch.channels).toHaveLength(1);
    const m = await getJson<MemberStats>(`/${PREMIUM}/modules/stats/members/200000000000000001?days=2`);
    expect(m.totals.messages).toBe(2);
    const daily = await getJson<{ days: MemberDay[] }>(`/${PREMIUM}/modules/stats/members/200000000000000001/daily?days=7`);
    // 7 days back from midday touch 8 UTC days, as the member's period sums do.
    expect(daily.days).toHaveLength(8);
    expect(daily.days.at(-1)).toMatchObject({ day: '2025-06-10', messages: 2 });
    expect(daily.days.slice(0, -1).every((d) => d.messages === 0)).toBe(true);
    const lb = await getJson<LeaderboardJson>(`/${PREMIUM}/modules/stats/leaderboard?metric=messages`);
    expect(lb.entries.map((e) => e.userId)).toEqual(['200000000000000001', '200000000000000002']);
    const week = await getJson<LeaderboardJson>(`/${PREMIUM}/modules/stats/leaderboard?metric=messages&period=7`);
    expect(week.entries).toEqual([{ rank: 1, userId: '200000000000000001', value: 2 }]);
  });

  it('exports CSV on premium and refuses it on free with a clear code', async () => {
    const res = await get(`/${PREMIUM}/modules/stats/export.csv?days=30`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('day,channel_id,messages,reactions,joins,leaves,voice_seconds');
    expect(lines).toHaveLength(1 + 3); // two days with activity; the join is a guild-level ('') row
    const refused = await get(`/${FREE}/modules/stats/export.csv`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ statusCode: 403, code: 'StatsExportNotInPlan' });
  });

  it('answers bad input with a 400 naming the problem', async () => {
    for (const path of [
      `/${PREMIUM}/modules/stats/timeline?metric=bogus`,
      `/${PREMIUM}/modules/stats/overview?days=-1`,
      `/${PREMIUM}/modules/stats/overview?from=yesterday`,
      `/${PREMIUM}/modules/stats/timeline?granularity=5m&days=30`,
      `/${PREMIUM}/modules/stats/members/notanid`,
      `/notaguild/modules/stats/overview`,
      `/${PREMIUM}/modules/stats/overview?from=2025-06-10T00:00:00Z&to=2025-06-01T00:00:00Z`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { statusCode: number; code: string; details: { issues: unknown[] } };
      expect(body.code, path).toMatch(/^(ValidationError|StatsInvalidQuery)$/);
      expect(body.details.issues.length, path).toBeGreaterThan(0);
    }
  });

  it('flushes on demand: the figures stay the same, and a database failure is a 503 that keeps the counts', async () => {
    const flushing = new Hono<AppEnv>();
    flushing.use('*', requestContext({ sink: () => {} }));
    let down = false;
    const flush = async (_c: unknown, id: string): Promise<FlushReport> => {
      try {
        if (down) throw new Error('connection refused');
        return { outcomes: { stats: await hubs[id]!.flush() }, failed: [] };
      } catch {
        return { outcomes: {}, failed: ['stats'] };
      }
    };
    flushing.route('/api/guilds/:guildId/modules/stats', createStatsApi({ withDb: (_c, fn) => fn(db), hub: async (_c, id) => ({ plan: plans[id] ?? 'free', pending: hubs[id]?.pending() ?? [] }), flush, now: () => NOW }));
    flushing.onError(onError);
    const before = await getJson<OverviewJson>(`/${PREMIUM}/modules/stats/overview?days=30`);
    down = true;
    const refused = await flushing.request(`/api/guilds/${PREMIUM}/modules/stats/flush`, { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'StatsFlushFailed' });
    expect(hubs[PREMIUM]!.pending().length).toBeGreaterThan(0);
    down = false;
    const res = await flushing.request(`/api/guilds/${PREMIUM}/modules/stats/flush`, { method: 'POST' });
    expect(res.status).toBe(200);
    // The generation, the day's retention and the hub's snapshot, on the same connection.
    expect(await res.json()).toEqual({ statements: 3, pending: false });
    expect(hubs[PREMIUM]!.pending()).toEqual([]);
    expect(await getJson<OverviewJson>(`/${PREMIUM}/modules/stats/overview?days=30`)).toEqual(before);
  });
});
