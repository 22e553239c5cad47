import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../types';
import { withDb } from '../../lib/db';
import { guildHub } from '../hub/guildHub';
import type { Plan } from '../ModuleDefinition';
import { exportQuery, leaderboardQuery, parseQuery, periodQuery, timelineQuery } from './apiQuery';
import type { StatsDb } from './db';
import { leaderboardCap, STATS_LIMITS } from './limits';
import { exportCsv } from './queries/exportCsv';
import { getChannelBreakdown } from './queries/getChannelBreakdown';
import { getLeaderboard } from './queries/getLeaderboard';
import { getMemberStats } from './queries/getMemberStats';
import { getMemberDaily } from './queries/getMemberDaily';
import { getOverview } from './queries/getOverview';
import { getTimeline } from './queries/getTimeline';
import { resolvePeriod } from './queries/period';
import { StatsError } from './StatsError';

/** Where the routes get their database, the guild's plan and the time (tests swap them). */
export interface StatsApiDeps {
  withDb<T>(c: Context<AppEnv>, fn: (db: StatsDb) => Promise<T>): Promise<T>;
  plan(c: Context<AppEnv>, guildId: string): Promise<Plan>;
  now(): Date;
}

const defaults: StatsApiDeps = {
  withDb: (c, fn) => withDb(c.get('config'), (db) => fn(db as unknown as StatsDb)),
  // The hub serves the plan from its storage: no cold Postgres read on the hot path.
  plan: async (c, guildId) => (await guildHub(c.env, guildId).getState()).plan,
  now: () => new Date(),
};

const SNOWFLAKE = /^\d{15,21}$/;

/**
 * The Stats routes, mounted by the module system under `/api/guilds/:guildId/modules/stats`
 * after authentication and the guild-access check. Every period is clamped to the plan's
 * retention (the answer says `clamped`); export needs premium or max.
 */
export function createStatsApi(overrides: Partial<StatsApiDeps> = {}): Hono<AppEnv> {
  const deps = { ...defaults, ...overrides };
  const app = new Hono<AppEnv>();
  const guildOf = (c: Context<AppEnv>) => {
    const id = c.req.param('guildId') ?? '';
    if (!SNOWFLAKE.test(id)) throw new StatsError('StatsInvalidQuery', 'Guild id must be a Discord id');
    return id;
  };
  const periodFor = async (c: Context<AppEnv>) => {
    const guildId = guildOf(c);
    const plan = await deps.plan(c, guildId);
    const q = parseQuery(periodQuery, c.req.query());
    return { guildId, plan, period: resolvePeriod(q, plan, deps.now()) };
  };
  const periodJson = (p: ReturnType<typeof resolvePeriod>) => ({ from: p.from.toISOString(), to: p.to.toISOString(), clamped: p.clamped });

  app.get('/overview', async (c) => {
    const { guildId, plan, period } = await periodFor(c);
    const [overview, channels] = await deps.withDb(c, (db) =>
      Promise.all([getOverview(db, guildId, period), getChannelBreakdown(db, guildId, period, 10)]),
    );
    return c.json({ plan, period: periodJson(period), overview, topChannels: channels });
  });

  app.get('/channels', async (c) => {
    const { guildId, period } = await periodFor(c);
    const channels = await deps.withDb(c, (db) => getChannelBreakdown(db, guildId, period));
    return c.json({ period: periodJson(period), channels });
  });

  app.get('/timeline', async (c) => {
    const guildId = guildOf(c);
    const plan = await deps.plan(c, guildId);
    const q = parseQuery(timelineQuery, c.req.query());
    const period = resolvePeriod(q, plan, deps.now());
    const timeline = await deps.withDb(c, (db) => getTimeline(db, guildId, q.metric, q.granularity, period));
    return c.json({ period: periodJson(period), ...timeline });
  });

  app.get('/members/:userId', async (c) => {
    const { guildId, period } = await periodFor(c);
    const userId = c.req.param('userId');
    if (!SNOWFLAKE.test(userId)) throw new StatsError('StatsInvalidQuery', 'User id must be a Discord id');
    return c.json(await deps.withDb(c, (db) => getMemberStats(db, guildId, userId, period)));
  });

  app.get('/members/:userId/daily', async (c) => {
    const { guildId, period } = await periodFor(c);
    const userId = c.req.param('userId');
    if (!SNOWFLAKE.test(userId)) throw new StatsError('StatsInvalidQuery', 'User id must be a Discord id');
    const days = await deps.withDb(c, (db) => getMemberDaily(db, guildId, userId, period));
    return c.json({ period: periodJson(period), days });
  });

  app.get('/leaderboard', async (c) => {
    const guildId = guildOf(c);
    const plan = await deps.plan(c, guildId);
    const q = parseQuery(leaderboardQuery, c.req.query());
    const limit = Math.min(q.limit ?? 10, leaderboardCap(plan));
    const period = q.period === 'all' ? null : resolvePeriod({ days: q.period }, plan, deps.now());
    const entries = await deps.withDb(c, (db) => getLeaderboard(db, guildId, q.metric, period, limit));
    return c.json({ metric: q.metric, period: period ? periodJson(period) : 'all', limit, entries });
  });

  app.get('/export.csv', async (c) => {
    const guildId = guildOf(c);
    const plan = await deps.plan(c, guildId);
    if (!STATS_LIMITS[plan].export) {
      throw new StatsError('StatsExportNotInPlan', 'CSV export needs the premium or max plan', { plan });
    }
    const q = parseQuery(exportQuery, c.req.query());
    const period = resolvePeriod(q, plan, deps.now());
    const csv = await deps.withDb(c, (db) => exportCsv(db, guildId, q.kind, period));
    const name = `stats-${guildId}-${q.kind}-${period.from.toISOString().slice(0, 10)}.csv`;
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
  });

  return app;
}

/** The routes with production dependencies. */
export const statsApi = createStatsApi();
