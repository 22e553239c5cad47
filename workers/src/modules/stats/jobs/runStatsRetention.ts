import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { DAILY_RETENTION_DAYS, STATS_LIMITS } from '../limits';

/** Rows deleted per table by one retention run. */
export interface RetentionResult {
  buckets5min: number;
  memberDays: number;
  days: number;
  voiceStates: number;
  flushes: number;
}

/** Flush ids are kept this long: a hub retries a flush within minutes, never weeks later. */
const FLUSH_IDS_DAYS = 30;

/**
 * Applies the retention of a guild's plan (or, without `guildId`, of every guild) in one
 * statement. The hub's flush runs it for its guild once a UTC day, on the connection it opened
 * anyway, so no cron wakes Neon for it. A row goes once its whole bucket is older than the
 * window, measured from `now`: 5-minute buckets and per-member days after the plan's
 * `retention_days` (7 free, 90 premium, 365 max; a guild missing from `guilds` is treated as
 * free); guild-level daily rows after {@link DAILY_RETENTION_DAYS} on every plan; "not in
 * voice" markers after the free window; flush ids after {@link FLUSH_IDS_DAYS}. Cumulative
 * member totals and open voice sessions are kept.
 */
export async function runStatsRetention(db: StatsDb, now: Date, guildId?: string): Promise<RetentionResult> {
  const t = now.toISOString();
  const free = STATS_LIMITS.free.retention_days;
  const mine = guildId === undefined ? sql`true` : sql`x.guild_id = ${guildId}`;
  const cutoff = (col: string, width: string) =>
    sql`${mine} AND ${sql.raw(col)} + interval '${sql.raw(width)}' <= ${t}::timestamptz - make_interval(days =>
      coalesce((SELECT days FROM plan_days p WHERE p.guild_id = x.guild_id), ${free}))`;
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`WITH plan_days AS (
      SELECT id AS guild_id,
        CASE plan WHEN 'max' THEN ${STATS_LIMITS.max.retention_days}::int
                  WHEN 'premium' THEN ${STATS_LIMITS.premium.retention_days}::int
                  ELSE ${free}::int END AS days
      FROM guilds ${guildId === undefined ? sql`` : sql`WHERE id = ${guildId}`}
    ),
    b AS (DELETE FROM stats_5min x WHERE ${cutoff('x.bucket', '5 minutes')} RETURNING 1),
    m AS (DELETE FROM stats_member_daily x WHERE ${cutoff('x.day', '1 day')} RETURNING 1),
    d AS (DELETE FROM stats_daily x
          WHERE ${mine} AND x.day + interval '1 day' <= ${t}::timestamptz - make_interval(days => ${DAILY_RETENTION_DAYS}::int) RETURNING 1),
    v AS (DELETE FROM stats_voice_state x
          WHERE ${mine} AND x.channel_id IS NULL AND x.since < ${t}::timestamptz - make_interval(days => ${free}::int) RETURNING 1),
    f AS (DELETE FROM stats_flushes x
          WHERE ${mine} AND x.flushed_at < ${t}::timestamptz - make_interval(days => ${FLUSH_IDS_DAYS}::int) RETURNING 1)
    SELECT (SELECT count(*) FROM b)::int AS buckets, (SELECT count(*) FROM m)::int AS member_days,
      (SELECT count(*) FROM d)::int AS days, (SELECT count(*) FROM v)::int AS voice, (SELECT count(*) FROM f)::int AS flushes`,
  );
  return {
    buckets5min: Number(row?.buckets ?? 0),
    memberDays: Number(row?.member_days ?? 0),
    days: Number(row?.days ?? 0),
    voiceStates: Number(row?.voice ?? 0),
    flushes: Number(row?.flushes ?? 0),
  };
}
