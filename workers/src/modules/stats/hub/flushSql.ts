import { sql, type SQL } from 'drizzle-orm';
import type { StatsDeltasJson } from './StatsDeltas';

/** Buckets are aligned on the Unix epoch, so 5-minute buckets and days are UTC. */
const EPOCH = sql.raw(`timestamptz '1970-01-01 00:00:00+00'`);
const ts = (expr: string) => sql.raw(`to_timestamp((${expr})::bigint / 1000.0)`);

/**
 * One generation of a guild's Stats deltas into Postgres as ONE statement (atomic, one round
 * trip): the flush id is recorded in `stats_flushes` first and every upsert reads from that
 * insert, so a flush sent again (it failed after Postgres committed, the hub was evicted before
 * it marked the generation) inserts nothing and adds nothing. Each rollup is a multi-row
 * `INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x`; daily rows are the 5-minute deltas
 * binned per UTC day; voice states keep the latest change.
 */
export function flushSql(guildId: string, flushId: string, d: StatsDeltasJson): SQL {
  return sql`
WITH f AS (
  INSERT INTO stats_flushes (flush_id, guild_id) VALUES (${flushId}, ${guildId})
  ON CONFLICT (flush_id) DO NOTHING RETURNING flush_id
),
r AS (
  SELECT ${ts("e->>0")} AS bucket, e->>1 AS channel_id, (e->>2)::int AS messages, (e->>3)::int AS reactions,
    (e->>4)::int AS joins, (e->>5)::int AS leaves, (e->>6)::bigint AS voice_ms
  FROM jsonb_array_elements(${JSON.stringify(d.r)}::jsonb) e WHERE EXISTS (SELECT 1 FROM f)
),
r5 AS (
  INSERT INTO stats_5min (guild_id, bucket, channel_id, messages, reactions, joins, leaves, voice_ms)
  SELECT ${guildId}, bucket, channel_id, messages, reactions, joins, leaves, voice_ms FROM r
  ON CONFLICT (guild_id, bucket, channel_id) DO UPDATE SET
    messages = stats_5min.messages + excluded.messages, reactions = stats_5min.reactions + excluded.reactions,
    joins = stats_5min.joins + excluded.joins, leaves = stats_5min.leaves + excluded.leaves,
    voice_ms = stats_5min.voice_ms + excluded.voice_ms
  RETURNING 1
),
rd AS (
  INSERT INTO stats_daily (guild_id, day, channel_id, messages, reactions, joins, leaves, voice_ms)
  SELECT ${guildId}, date_bin('1 day', bucket, ${EPOCH}), channel_id, sum(messages), sum(reactions), sum(joins), sum(leaves), sum(voice_ms)
  FROM r GROUP BY 2, 3
  ON CONFLICT (guild_id, day, channel_id) DO UPDATE SET
    messages = stats_daily.messages + excluded.messages, reactions = stats_daily.reactions + excluded.reactions,
    joins = stats_daily.joins + excluded.joins, leaves = stats_daily.leaves + excluded.leaves,
    voice_ms = stats_daily.voice_ms + excluded.voice_ms
  RETURNING 1
),
rmd AS (
  INSERT INTO stats_member_daily (guild_id, day, user_id, messages, reactions, voice_ms)
  SELECT ${guildId}, ${ts("e->>0")}, e->>1, (e->>2)::int, (e->>3)::int, (e->>4)::bigint
  FROM jsonb_array_elements(${JSON.stringify(d.m)}::jsonb) e WHERE EXISTS (SELECT 1 FROM f)
  ON CONFLICT (guild_id, day, user_id) DO UPDATE SET
    messages = stats_member_daily.messages + excluded.messages,
    reactions = stats_member_daily.reactions + excluded.reactions,
    voice_ms = stats_member_daily.voice_ms + excluded.voice_ms
  RETURNING 1
),
rmt AS (
  INSERT INTO stats_member_totals (guild_id, user_id, messages, reactions, joins, leaves, voice_ms, last_joined_at, last_active_at)
  SELECT ${guildId}, e->>0, (e->>1)::int, (e->>2)::int, (e->>3)::int, (e->>4)::int, (e->>5)::bigint,
    ${ts("nullif(e->>6, '')")}, ${ts("nullif(e->>7, '')")}
  FROM jsonb_array_elements(${JSON.stringify(d.t)}::jsonb) e WHERE EXISTS (SELECT 1 FROM f)
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    messages = stats_member_totals.messages + excluded.messages,
    reactions = stats_member_totals.reactions + excluded.reactions,
    joins = stats_member_totals.joins + excluded.joins, leaves = stats_member_totals.leaves + excluded.leaves,
    voice_ms = stats_member_totals.voice_ms + excluded.voice_ms,
    last_joined_at = greatest(stats_member_totals.last_joined_at, excluded.last_joined_at),
    last_active_at = greatest(stats_member_totals.last_active_at, excluded.last_active_at)
  RETURNING 1
),
vs AS (
  INSERT INTO stats_voice_state (guild_id, user_id, channel_id, since)
  SELECT ${guildId}, e->>0, e->>1, ${ts("e->>2")}
  FROM jsonb_array_elements(${JSON.stringify(d.v)}::jsonb) e WHERE EXISTS (SELECT 1 FROM f)
  ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, since = excluded.since
  WHERE excluded.since >= stats_voice_state.since
  RETURNING 1
)
SELECT (SELECT count(*) FROM f)::int AS applied, (SELECT count(*) FROM r5)::int AS buckets`;
}
