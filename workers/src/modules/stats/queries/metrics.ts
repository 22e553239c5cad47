import { sql, type SQL } from 'drizzle-orm';

/** Metrics a timeline can show. */
export const TIMELINE_METRICS = ['messages', 'reactions', 'voice', 'joins', 'leaves'] as const;
export type TimelineMetric = (typeof TIMELINE_METRICS)[number];

/** Metrics a leaderboard ranks members by. */
export const LEADERBOARD_METRICS = ['messages', 'voice', 'reactions'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

/** The column a metric reads (a fixed whitelist: never interpolate user input into SQL). */
export function metricColumn(metric: TimelineMetric): SQL {
  return sql.raw(metric === 'voice' ? 'voice_ms' : metric);
}

/** Turns a stored value into the metric's unit: voice is stored in ms and shown in seconds. */
export function metricValue(metric: TimelineMetric, raw: unknown): number {
  const n = Number(raw ?? 0);
  return metric === 'voice' ? n / 1000 : n;
}
