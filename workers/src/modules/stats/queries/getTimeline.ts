import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { StatsError } from '../StatsError';
import { metricColumn, metricValue, type TimelineMetric } from './metrics';
import { pendingRollups, type StatsPending } from './pending';
import type { Period } from './period';

/** Timeline granularity: 5-minute buckets or UTC days. */
export type Granularity = '5m' | '1d';

/** A metric over time, zero-filled. */
export interface Timeline {
  metric: TimelineMetric;
  granularity: Granularity;
  /** `count`, or `seconds` for voice. */
  unit: 'count' | 'seconds';
  points: { t: string; value: number }[];
}

/** Most points one timeline returns (7 days of 5-minute buckets). */
export const MAX_POINTS = 2016;

/**
 * One metric of a guild over a period, a point per bucket (zero where nothing happened).
 * Day granularity covers the days the period touches.
 */
export async function getTimeline(
  db: StatsDb,
  guildId: string,
  metric: TimelineMetric,
  granularity: Granularity,
  period: Period,
  pending?: StatsPending,
): Promise<Timeline> {
  const step = granularity === '5m' ? 300_000 : 86_400_000;
  const from = Math.floor(period.from.getTime() / step) * step;
  const to = Math.ceil(period.to.getTime() / step) * step;
  const count = (to - from) / step;
  if (count > MAX_POINTS) {
    throw new StatsError('StatsInvalidQuery', `a ${granularity} timeline may have at most ${MAX_POINTS} points; ask for a shorter period or 1d`, { points: count });
  }
  const table = sql.raw(granularity === '5m' ? 'stats_5min' : 'stats_daily');
  const col = sql.raw(granularity === '5m' ? 'bucket' : 'day');
  const interval = sql.raw(granularity === '5m' ? `interval '5 minutes'` : `interval '1 day'`);
  const metricCol = metricColumn(metric);
  const [fromIso, toIso] = [new Date(from).toISOString(), new Date(to).toISOString()];
  // Postgres' rows plus the hub's unflushed 5-minute deltas, binned to the granularity.
  const rows = await queryRows<{ t: Date | string; v: string | number }>(
    db,
    sql`SELECT s.t, coalesce(sum(r.v), 0)::bigint AS v
    FROM generate_series(${fromIso}::timestamptz, ${new Date(to - step).toISOString()}::timestamptz, ${interval}) AS s(t)
    LEFT JOIN (
      SELECT ${col} AS t, ${metricCol}::bigint AS v FROM ${table}
      WHERE guild_id = ${guildId} AND ${col} >= ${fromIso}::timestamptz AND ${col} < ${toIso}::timestamptz
      UNION ALL
      SELECT date_bin(${interval}, bucket, timestamptz '1970-01-01 00:00:00+00'), ${metricCol} FROM (${pendingRollups(pending)}) p
    ) r ON r.t = s.t
    GROUP BY s.t ORDER BY s.t`,
  );
  return {
    metric,
    granularity,
    unit: metric === 'voice' ? 'seconds' : 'count',
    points: rows.map((r) => ({ t: new Date(r.t).toISOString(), value: metricValue(metric, r.v) })),
  };
}
