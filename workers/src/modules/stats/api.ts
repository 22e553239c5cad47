import type { Context } from 'hono';
import { withRequestDb } from '../../lib/db';
import { createModuleApi, moduleRoute, type ModuleEnv } from '../../platform/moduleApi';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { guildHub } from '../../platform/hub/guildHub';
import type { FlushReport } from '../../platform/flushModules';
import type { Plan } from '../../platform/ModuleDefinition';
import * as S from './apiSchemas';
import type { StatsDb } from './db';
import { leaderboardCap, STATS_LIMITS } from './limits';
import { exportCsv } from './queries/exportCsv';
import { getChannelBreakdown } from './queries/getChannelBreakdown';
import { getLeaderboard } from './queries/getLeaderboard';
import { getMemberStats } from './queries/getMemberStats';
import { getMemberDaily } from './queries/getMemberDaily';
import { getOverview } from './queries/getOverview';
import { getTimeline } from './queries/getTimeline';
import type { StatsPending } from './queries/pending';
import { resolvePeriod } from './queries/period';
import { StatsError } from './StatsError';

/** The guild's plan and what its hub counted that Postgres does not have yet. */
export interface StatsHubView {
  plan: Plan;
  pending: StatsPending;
}

/** Where the routes get their database, the hub's view and the time (tests swap them). */
export interface StatsApiDeps {
  withDb<T>(c: Context<ModuleEnv>, fn: (db: StatsDb) => Promise<T>): Promise<T>;
  hub(c: Context<ModuleEnv>, guildId: string): Promise<StatsHubView>;
  /** The hub's flush of every module, now. */
  flush(c: Context<ModuleEnv>, guildId: string): Promise<FlushReport>;
  now(): Date;
}

const defaults: StatsApiDeps = {
  // The request's one connection (requireGuildAccess may have opened it already).
  withDb: (c, fn) => withRequestDb(c, (db) => fn(db as unknown as StatsDb)),
  // ONE hub request: the plan from its storage (no cold Postgres read) and the unflushed
  // counts, so every figure is exact right after the events.
  hub: async (c, guildId) => {
    const { state, value } = await guildHub(c.env, guildId).readLocal<StatsPending>('stats');
    return { plan: state.plan, pending: value ?? [] };
  },
  flush: (c, guildId) => guildHub(c.env, guildId).flushNow(),
  now: () => new Date(),
};

const json = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, 400: ErrorAnswer });
const get = <P extends string>(path: P, summary: string) => ({ method: 'get' as const, path, summary, tags: ['stats'], requires: 'view' as const });

const overview = moduleRoute({ ...get('/overview', 'Totals and top channels over a period'), request: { params: S.GuildParams, query: S.PeriodQuery }, responses: json(S.OverviewAnswer, 'Overview') });
const channels = moduleRoute({ ...get('/channels', 'Activity per channel'), request: { params: S.GuildParams, query: S.PeriodQuery }, responses: json(S.ChannelsAnswer, 'Channels') });
const timeline = moduleRoute({ ...get('/timeline', 'One metric over time, zero-filled'), request: { params: S.GuildParams, query: S.TimelineQuery }, responses: json(S.TimelineAnswer, 'Timeline') });
const member = moduleRoute({ ...get('/members/{userId}', 'One member: totals, period and rank'), request: { params: S.MemberParams, query: S.PeriodQuery }, responses: json(S.MemberAnswer, 'Member') });
const memberDaily = moduleRoute({ ...get('/members/{userId}/daily', 'One member per UTC day over the period, zeros included'), request: { params: S.MemberParams, query: S.PeriodQuery }, responses: json(S.MemberDailyAnswer, 'Member per day') });
const leaderboard = moduleRoute({ ...get('/leaderboard', 'Members ranked by a metric'), request: { params: S.GuildParams, query: S.LeaderboardQuery }, responses: json(S.LeaderboardAnswer, 'Leaderboard') });
const exportRoute = moduleRoute({
  ...get('/export.csv', 'CSV export per channel or member (premium and max)'),
  request: { params: S.GuildParams, query: S.ExportQuery },
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: { type: 'string' } } } }, 400: ErrorAnswer, 403: ErrorAnswer },
});

const flush = moduleRoute({
  method: 'post', path: '/flush', tags: ['stats'], requires: 'edit',
  summary: "Moves the hub's counted activity to Postgres now (it happens on its own every STATS_FLUSH_MINUTES; reads never wait for it)",
  request: { params: S.GuildParams },
  responses: { 200: { description: 'What the flush sent', content: { 'application/json': { schema: S.FlushAnswer } } }, 400: ErrorAnswer, 503: ErrorAnswer },
});
const periodJson = (p: ReturnType<typeof resolvePeriod>) => ({ from: p.from.toISOString(), to: p.to.toISOString(), clamped: p.clamped });
const asDates = (q: { days?: number; from?: string; to?: string }) => ({ days: q.days, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });

/**
 * The Stats routes, mounted by the module system under `/api/guilds/:guildId/modules/stats`.
 * Every period is clamped to the plan's retention (the answer says `clamped`); export needs
 * premium or max.
 */
export function createStatsApi(overrides: Partial<StatsApiDeps> = {}) {
  const deps = { ...defaults, ...overrides };
  const periodFor = async (c: Context<ModuleEnv>, guildId: string, q: { days?: number; from?: string; to?: string }) => {
    const { plan, pending } = await deps.hub(c, guildId);
    return { plan, pending, period: resolvePeriod(asDates(q), plan, deps.now()) };
  };
  return createModuleApi()
    .openapi(flush, async (c) => {
      const { guildId } = c.req.valid('param');
      const report = await deps.flush(c, guildId);
      if (report.failed.includes('stats')) throw new StatsError('StatsFlushFailed', 'The database did not take the flush; the counts stay in the hub and the next flush sends them');
      return c.json(report.outcomes.stats ?? { statements: 0, pending: false }, 200);
    })
    .openapi(overview, async (c) => {
      const { guildId } = c.req.valid('param');
      const { plan, period, pending } = await periodFor(c, guildId, c.req.valid('query'));
      const [o, top] = await deps.withDb(c, (db) => Promise.all([getOverview(db, guildId, period, pending), getChannelBreakdown(db, guildId, period, 10, pending)]));
      return c.json({ plan, period: periodJson(period), overview: o, topChannels: top }, 200);
    })
    .openapi(channels, async (c) => {
      const { guildId } = c.req.valid('param');
      const { period, pending } = await periodFor(c, guildId, c.req.valid('query'));
      const rows = await deps.withDb(c, (db) => getChannelBreakdown(db, guildId, period, 100, pending));
      return c.json({ period: periodJson(period), channels: rows }, 200);
    })
    .openapi(timeline, async (c) => {
      const { guildId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { period, pending } = await periodFor(c, guildId, q);
      const t = await deps.withDb(c, (db) => getTimeline(db, guildId, q.metric, q.granularity, period, pending));
      return c.json({ period: periodJson(period), ...t }, 200);
    })
    .openapi(member, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const { period, pending } = await periodFor(c, guildId, c.req.valid('query'));
      return c.json(await deps.withDb(c, (db) => getMemberStats(db, guildId, userId, period, pending)), 200);
    })
    .openapi(memberDaily, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const { period, pending } = await periodFor(c, guildId, c.req.valid('query'));
      const days = await deps.withDb(c, (db) => getMemberDaily(db, guildId, userId, period, pending));
      return c.json({ period: periodJson(period), days }, 200);
    })
    .openapi(leaderboard, async (c) => {
      const { guildId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { plan, pending } = await deps.hub(c, guildId);
      const limit = Math.min(q.limit ?? 10, leaderboardCap(plan));
      const period = q.period === 'all' ? null : resolvePeriod({ days: q.period }, plan, deps.now());
      const entries = await deps.withDb(c, (db) => getLeaderboard(db, guildId, q.metric, period, limit, pending));
      return c.json({ metric: q.metric, period: period ? periodJson(period) : ('all' as const), limit, entries }, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const q = c.req.valid('query');
      const { plan, pending } = await deps.hub(c, guildId);
      if (!STATS_LIMITS[plan].export) throw new StatsError('StatsExportNotInPlan', 'CSV export needs the premium or max plan', { plan });
      const period = resolvePeriod(asDates(q), plan, deps.now());
      const csv = await deps.withDb(c, (db) => exportCsv(db, guildId, q.kind, period, pending));
      const name = `stats-${guildId}-${q.kind}-${period.from.toISOString().slice(0, 10)}.csv`;
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    });
}

/** The Stats routes' type, for the dashboard's typed client (`hc<StatsApi>`). */
export type StatsApi = ReturnType<typeof createStatsApi>;

/** The routes with production dependencies. */
export const statsApi = createStatsApi();
