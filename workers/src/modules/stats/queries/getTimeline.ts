import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { StatsError } from '../StatsError';
import { metricColumn, metricValue, type TimelineMetric } from './metrics';
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
  const rows = await queryRows<{ t: Date | string; v: string | number }>(
    db,
    sql`SELECT s.t, coalesce(sum(r.${metricColumn(metric)}), 0)::bigint AS v
    FROM generate_series(${new Date(from).toISOString()}::timestamptz, ${new Date(to - step).toISOString()}::timestamptz, ${interval}) AS s(t)
    LEFT JOIN ${table} r ON r.guild_id = ${guildId} AND r.${col} = s.t
    GROUP BY s.t ORDER BY s.t`,
  );
  return {
    metric,
    granularity,
    unit: metric === 'voice' ? 'seconds' : 'count',
    points: rows.map((r) => ({ t: new Date(r.t).toISOString(), value: metricValue(metric, r.v) })),
  };
}
