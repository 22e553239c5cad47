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
 * 2. `vold`/`vseq`/`vivl`/`vpieces`: voice time is order-independent. For each member with fresh
 *    voice changes, the stretch of known changes around them is credited again with them
 *    (intervals ordered by time then event id, split on 5-minute buckets) minus what it was
 *    credited before; so batches processed late or out of order (concurrent deliveries, the
 *    cron sweep) add up to the same totals as in-order ones.
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
  SELECT guild_id, user_id, channel_id, at, event_id FROM fresh WHERE kind = 'voice'
),
vusers AS (
  SELECT guild_id, user_id, min(at) AS lo, max(at) AS hi FROM vnew GROUP BY 1, 2
),
-- The member's known changes around the new ones (this statement reads stats_events as it was
-- before the batch): from the last change before the first new one to the first change after
-- the last new one. Outside that stretch nothing changes.
vold AS (
  SELECT s.guild_id, s.user_id, s.channel_id, s.at, s.event_id
  FROM vusers u
  CROSS JOIN LATERAL (
    SELECT coalesce((SELECT max(p.at) FROM stats_events p
                     WHERE p.kind = 'voice' AND p.guild_id = u.guild_id AND p.user_id = u.user_id AND p.at < u.lo), u.lo) AS from_at,
           (SELECT min(n.at) FROM stats_events n
            WHERE n.kind = 'voice' AND n.guild_id = u.guild_id AND n.user_id = u.user_id AND n.at > u.hi) AS to_at
  ) b
  JOIN stats_events s ON s.kind = 'voice' AND s.guild_id = u.guild_id AND s.user_id = u.user_id
    AND s.at >= b.from_at AND (b.to_at IS NULL OR s.at <= b.to_at)
),
-- That stretch credited as it was (taken back, sign -1) and as it is with the new changes (+1).
vseq AS (
  SELECT guild_id, user_id, channel_id, at, event_id, -1 AS sign FROM vold
  UNION ALL
  SELECT guild_id, user_id, channel_id, at, event_id, 1 FROM vold
  UNION ALL
  SELECT guild_id, user_id, channel_id, at, event_id, 1 FROM vnew
),
vivl AS (
  SELECT guild_id, user_id, channel_id, sign, at AS start_at,
    -- least() skips nulls: the open interval (no next change) must stay null, not become 24 h
    CASE WHEN lead(at) OVER w IS NOT NULL THEN least(lead(at) OVER w, at + ${MAX_VOICE_INTERVAL}) END AS end_at
  FROM vseq
  WINDOW w AS (PARTITION BY guild_id, user_id, sign ORDER BY at, event_id)
),
vpieces AS (
  SELECT i.guild_id, i.user_id, i.channel_id, b AS bucket,
    i.sign * round(extract(epoch FROM least(i.end_at, b + interval '5 minutes') - greatest(i.start_at, b)) * 1000)::bigint AS ms
  FROM vivl i
  CROSS JOIN LATERAL generate_series(
    date_bin('5 minutes', i.start_at, ${EPOCH}), i.end_at - interval '1 microsecond', interval '5 minutes') AS b
  WHERE i.channel_id IS NOT NULL AND i.end_at > i.start_at
),
vstate AS (
  INSERT INTO stats_voice_state (guild_id, user_id, channel_id, since)
  SELECT DISTINCT ON (guild_id, user_id) guild_id, user_id, channel_id, at FROM vnew ORDER BY guild_id, user_id, at DESC, event_id DESC
  ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, since = excluded.since
  WHERE excluded.since >= stats_voice_state.since
  RETURNING 1
),
inc AS (
  SELECT guild_id, date_bin('5 minutes', at, ${EPOCH}) AS bucket, coalesce(channel_id, '') AS channel_id,
    user_id, kind, count(*)::int AS n, 0::bigint AS ms
  FROM fresh WHERE kind <> 'voice'
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  -- net of what was taken back and re-credited; a stretch credited the same nets to nothing
  SELECT guild_id, bucket, channel_id, user_id, 'voice', 0, sum(ms)::bigint FROM vpieces
  GROUP BY 1, 2, 3, 4 HAVING sum(ms) <> 0
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
