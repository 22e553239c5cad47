import { sql, type SQL } from 'drizzle-orm';
import type { StatsRow } from './toStatsRow';

/** Buckets are aligned on the Unix epoch, so 5-minute buckets and days are UTC. */
const EPOCH = sql.raw(`timestamptz '1970-01-01 00:00:00+00'`);
/** A voice interval longer than this (a missed leave) is credited this much, not days. */
const MAX_VOICE_INTERVAL = sql.raw(`interval '24 hours'`);

/**
 * The whole stats write for one batch, as ONE statement (one database round trip):
 *
 * 1. `fresh`: the batch's rows inserted into `stats_events` with ON CONFLICT DO NOTHING; only
 *    the rows it returns (never seen before) are counted, so re-processing changes nothing.
 * 2. `vseq`/`vivl`/`vpieces`: fresh voice changes, after each member's stored state, ordered
 *    by time then batch position; each interval spent in a channel is split on 5-minute buckets.
 * 3. `inc`: per (guild, bucket, channel, member, kind) increments of the fresh rows.
 * 4. One multi-row `INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x` per rollup table,
 *    each row touched once (grouped by the table's key), and the new voice states.
 *
 * Data-modifying CTEs run to completion even when the final SELECT does not read them.
 */
export function statsBatchSql(rows: StatsRow[]): SQL {
  const json = JSON.stringify(rows);
  return sql`
WITH input AS (
  SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(e text, g text, k text, u text, c text, t timestamptz, s int)
),
fresh AS (
  INSERT INTO stats_events (event_id, guild_id, kind, user_id, channel_id, at)
  SELECT e, g, k, u, c, t FROM input
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id, guild_id, kind, user_id, channel_id, at
),
vnew AS (
  SELECT f.guild_id, f.user_id, f.channel_id, f.at, i.s
  FROM fresh f JOIN input i ON i.e = f.event_id
  WHERE f.kind = 'voice'
),
vprev AS (
  SELECT v.guild_id, v.user_id, v.channel_id, v.since
  FROM stats_voice_state v
  WHERE (v.guild_id, v.user_id) IN (SELECT guild_id, user_id FROM vnew)
),
vseq AS (
  SELECT guild_id, user_id, channel_id, since AS at, -1 AS s FROM vprev
  UNION ALL
  SELECT n.guild_id, n.user_id, n.channel_id, n.at, n.s
  FROM vnew n LEFT JOIN vprev p ON p.guild_id = n.guild_id AND p.user_id = n.user_id
  WHERE p.since IS NULL OR n.at >= p.since
),
vivl AS (
  SELECT guild_id, user_id, channel_id, s, at AS start_at,
    -- least() skips nulls: the open interval (no next change) must stay null, not become 24 h
    CASE WHEN lead(at) OVER w IS NOT NULL THEN least(lead(at) OVER w, at + ${MAX_VOICE_INTERVAL}) END AS end_at,
    row_number() OVER (PARTITION BY guild_id, user_id ORDER BY at DESC, s DESC) AS rn
  FROM vseq
  WINDOW w AS (PARTITION BY guild_id, user_id ORDER BY at, s)
),
vpieces AS (
  SELECT i.guild_id, i.user_id, i.channel_id, b AS bucket,
    round(extract(epoch FROM least(i.end_at, b + interval '5 minutes') - greatest(i.start_at, b)) * 1000)::bigint AS ms
  FROM vivl i
  CROSS JOIN LATERAL generate_series(
    date_bin('5 minutes', i.start_at, ${EPOCH}), i.end_at - interval '1 microsecond', interval '5 minutes') AS b
  WHERE i.channel_id IS NOT NULL AND i.end_at > i.start_at
),
vstate AS (
  INSERT INTO stats_voice_state (guild_id, user_id, channel_id, since)
  SELECT guild_id, user_id, channel_id, start_at FROM vivl WHERE rn = 1 AND s >= 0
  ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, since = excluded.since
  RETURNING 1
),
inc AS (
  SELECT guild_id, date_bin('5 minutes', at, ${EPOCH}) AS bucket, coalesce(channel_id, '') AS channel_id,
    user_id, kind, count(*)::int AS n, 0::bigint AS ms
  FROM fresh WHERE kind <> 'voice'
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT guild_id, bucket, channel_id, user_id, 'voice', 0, ms FROM vpieces
),
r5 AS (
  INSERT INTO stats_5min (guild_id, bucket, channel_id, messages, reactions, joins, leaves, voice_ms)
  SELECT guild_id, bucket, channel_id,
    coalesce(sum(n) FILTER (WHERE kind = 'message'), 0), coalesce(sum(n) FILTER (WHERE kind = 'reaction'), 0),
    coalesce(sum(n) FILTER (WHERE kind = 'join'), 0), coalesce(sum(n) FILTER (WHERE kind = 'leave'), 0), sum(ms)
  FROM inc GROUP BY 1, 2, 3
  ON CONFLICT (guild_id, bucket, channel_id) DO UPDATE SET
    messages = stats_5min.messages + excluded.messages, reactions = stats_5min.reactions + excluded.reactions,
    joins = stats_5min.joins + excluded.joins, leaves = stats_5min.leaves + excluded.leaves,
    voice_ms = stats_5min.voice_ms + excluded.voice_ms
  RETURNING 1
),
rd AS (
  INSERT INTO stats_daily (guild_id, day, channel_id, messages, reactions, joins, leaves, voice_ms)
  SELECT guild_id, date_bin('1 day', bucket, ${EPOCH}), channel_id,
    coalesce(sum(n) FILTER (WHERE kind = 'message'), 0), coalesce(sum(n) FILTER (WHERE kind = 'reaction'), 0),
    coalesce(sum(n) FILTER (WHERE kind = 'join'), 0), coalesce(sum(n) FILTER (WHERE kind = 'leave'), 0), sum(ms)
  FROM inc GROUP BY 1, 2, 3
  ON CONFLICT (guild_id, day, channel_id) DO UPDATE SET
    messages = stats_daily.messages + excluded.messages, reactions = stats_daily.reactions + excluded.reactions,
    joins = stats_daily.joins + excluded.joins, leaves = stats_daily.leaves + excluded.leaves,
    voice_ms = stats_daily.voice_ms + excluded.voice_ms
  RETURNING 1
),
rmd AS (
  INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions, voice_ms)
  SELECT guild_id, date_bin('1 day', bucket, ${EPOCH}), user_id,
    coalesce(sum(n) FILTER (WHERE kind = 'message'), 0), coalesce(sum(n) FILTER (WHERE kind = 'reaction'), 0), sum(ms)
  FROM inc WHERE kind IN ('message', 'reaction', 'voice')
  GROUP BY 1, 2, 3
  ON CONFLICT (guild_id, day, user_id) DO UPDATE SET
    messages = stats_member_daily.messages + excluded.messages,
    reactions = stats_member_daily.reactions + excluded.reactions,
    voice_ms = stats_member_daily.voice_ms + excluded.voice_ms
  RETURNING 1
),
msum AS (
  SELECT guild_id, user_id,
    coalesce(sum(n) FILTER (WHERE kind = 'message'), 0) AS messages, coalesce(sum(n) FILTER (WHERE kind = 'reaction'), 0) AS reactions,
    coalesce(sum(n) FILTER (WHERE kind = 'join'), 0) AS joins, coalesce(sum(n) FILTER (WHERE kind = 'leave'), 0) AS leaves,
    sum(ms) AS voice_ms
  FROM inc GROUP BY 1, 2
),
mtime AS (
  SELECT guild_id, user_id, max(at) FILTER (WHERE kind = 'join') AS last_join,
    max(at) FILTER (WHERE kind IN ('message', 'reaction', 'voice')) AS last_active
  FROM fresh GROUP BY 1, 2
),
rmt AS (
  INSERT INTO stats_member_totals (guild_id, user_id, messages, reactions, joins, leaves, voice_ms, last_joined_at, last_active_at)
  SELECT t.guild_id, t.user_id, coalesce(m.messages, 0), coalesce(m.reactions, 0), coalesce(m.joins, 0),
    coalesce(m.leaves, 0), coalesce(m.voice_ms, 0), t.last_join, t.last_active
  FROM mtime t LEFT JOIN msum m ON m.guild_id = t.guild_id AND m.user_id = t.user_id
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    messages = stats_member_totals.messages + excluded.messages,
    reactions = stats_member_totals.reactions + excluded.reactions,
    joins = stats_member_totals.joins + excluded.joins, leaves = stats_member_totals.leaves + excluded.leaves,
    voice_ms = stats_member_totals.voice_ms + excluded.voice_ms,
    last_joined_at = greatest(stats_member_totals.last_joined_at, excluded.last_joined_at),
    last_active_at = greatest(stats_member_totals.last_active_at, excluded.last_active_at)
  RETURNING 1
)
SELECT (SELECT count(*) FROM fresh)::int AS fresh, (SELECT count(*) FROM vpieces)::int AS voice_pieces`;
}
