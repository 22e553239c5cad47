import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { DAILY_RETENTION_DAYS, STATS_LIMITS } from '../limits';

/** Rows deleted per table by one retention run. */
export interface RetentionResult {
  events: number;
  buckets5min: number;
  memberDays: number;
  days: number;
  voiceStates: number;
}

/**
 * Applies the retention of every guild's plan in one statement (run by the Worker's cron):
 * a row goes once its whole bucket is older than the window, measured from `now`:
 * raw events, 5-minute buckets and per-member days after the plan's `retention_days`
 * (7 free, 90 premium, 365 max; a guild missing from `guilds` is treated as free);
 * guild-level daily rows after {@link DAILY_RETENTION_DAYS} on every plan; the "not in voice"
 * markers after the free window. Cumulative member totals and open voice sessions are kept.
 */
export async function runStatsRetention(db: StatsDb, now: Date): Promise<RetentionResult> {
  const t = now.toISOString();
  const free = STATS_LIMITS.free.retention_days;
  const cutoff = (col: string, width: string) =>
    sql`${sql.raw(col)} + interval '${sql.raw(width)}' <= ${t}::timestamptz - make_interval(days =>
      coalesce((SELECT days FROM plan_days p WHERE p.guild_id = x.guild_id), ${free}))`;
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`WITH plan_days AS (
      SELECT id AS guild_id,
        CASE plan WHEN 'max' THEN ${STATS_LIMITS.max.retention_days}::int
                  WHEN 'premium' THEN ${STATS_LIMITS.premium.retention_days}::int
                  ELSE ${free}::int END AS days
      FROM guilds
    ),
    e AS (DELETE FROM stats_events x WHERE ${cutoff('x.at', '0 seconds')} RETURNING 1),
    b AS (DELETE FROM stats_5min x WHERE ${cutoff('x.bucket', '5 minutes')} RETURNING 1),
    m AS (DELETE FROM stats_member_daily x WHERE ${cutoff('x.day', '1 day')} RETURNING 1),
    d AS (DELETE FROM stats_daily x
          WHERE x.day + interval '1 day' <= ${t}::timestamptz - make_interval(days => ${DAILY_RETENTION_DAYS}::int) RETURNING 1),
    v AS (DELETE FROM stats_voice_state x
          WHERE x.channel_id IS NULL AND x.since < ${t}::timestamptz - make_interval(days => ${free}::int) RETURNING 1)
    SELECT (SELECT count(*) FROM e)::int AS events, (SELECT count(*) FROM b)::int AS buckets,
      (SELECT count(*) FROM m)::int AS member_days, (SELECT count(*) FROM d)::int AS days,
      (SELECT count(*) FROM v)::int AS voice`,
  );
  return {
    events: Number(row?.events ?? 0),
    buckets5min: Number(row?.buckets ?? 0),
    memberDays: Number(row?.member_days ?? 0),
    days: Number(row?.days ?? 0),
    voiceStates: Number(row?.voice ?? 0),
  };
}
