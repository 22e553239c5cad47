import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { metricColumn, metricValue, type LeaderboardMetric } from './metrics';
import { memberDays, mergedTotals, type StatsPending } from './pending';
import type { Period } from './period';

/** One ranked member. */
export interface LeaderboardEntry {
  rank: number;
  userId: string;
  /** Count, or seconds for voice. */
  value: number;
}

/**
 * Members ranked by a metric, highest first (ties by user id, so pages are stable), members
 * with zero left out. `period` null = all time (cumulative totals); otherwise the UTC days the
 * period touches (per-member daily rollup). Both include the hub's unflushed deltas.
 */
export async function getLeaderboard(
  db: StatsDb,
  guildId: string,
  metric: LeaderboardMetric,
  period: Period | null,
  limit: number,
  pending?: StatsPending,
): Promise<LeaderboardEntry[]> {
  const col = metricColumn(metric);
  const source = period
    ? sql`SELECT user_id, sum(${col})::bigint AS v
        FROM (${memberDays(guildId, new Date(Math.floor(period.from.getTime() / 86_400_000) * 86_400_000), period.to, pending)}) d
        GROUP BY user_id`
    : sql`SELECT user_id, ${col}::bigint AS v FROM (${mergedTotals(guildId, pending)}) t`;
  const rows = await queryRows<{ user_id: string; v: string | number }>(
    db,
    sql`SELECT user_id, v FROM (${source}) s WHERE v > 0 ORDER BY v DESC, user_id LIMIT ${limit}`,
  );
  return rows.map((r, i) => ({ rank: i + 1, userId: r.user_id, value: metricValue(metric, r.v) }));
}
