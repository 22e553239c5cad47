import { sql, type SQL } from 'drizzle-orm';
import type { MemberDayDelta, RollupDelta, TotalsDelta } from '../hub/StatsDeltas';

/**
 * What the guild's hub counted and Postgres may not have yet: its unflushed generations, each
 * with its flush id. A query adds a generation only while `stats_flushes` lacks its id, in the
 * same statement (one snapshot): a flush that commits while the dashboard reads is counted
 * once, from Postgres or from the hub, never twice.
 */
export type StatsPending = { flushId: string; r: RollupDelta[]; m: MemberDayDelta[]; t: TotalsDelta[] }[];

const ts = (expr: string) => sql.raw(`to_timestamp((${expr})::bigint / 1000.0)`);

function rows(pending: StatsPending | undefined, part: 'r' | 'm' | 't'): SQL {
  const json = JSON.stringify((pending ?? []).filter((g) => g[part].length > 0).map((g) => ({ f: g.flushId, x: g[part] })));
  return sql`jsonb_array_elements(${json}::jsonb) g CROSS JOIN LATERAL jsonb_array_elements(g->'x') e
    WHERE NOT EXISTS (SELECT 1 FROM stats_flushes sf WHERE sf.flush_id = g->>'f')`;
}

/** Unflushed 5-minute rollup rows: `bucket, channel_id, messages, reactions, joins, leaves, voice_ms`. */
export function pendingRollups(pending: StatsPending | undefined): SQL {
  return sql`SELECT ${ts('e->>0')} AS bucket, e->>1 AS channel_id, (e->>2)::bigint AS messages, (e->>3)::bigint AS reactions,
    (e->>4)::bigint AS joins, (e->>5)::bigint AS leaves, (e->>6)::bigint AS voice_ms FROM ${rows(pending, 'r')}`;
}

/** Unflushed member-day rows: `day, user_id, messages, reactions, voice_ms`. */
export function pendingMemberDays(pending: StatsPending | undefined): SQL {
  return sql`SELECT ${ts('e->>0')} AS day, e->>1 AS user_id, (e->>2)::bigint AS messages, (e->>3)::bigint AS reactions,
    (e->>4)::bigint AS voice_ms FROM ${rows(pending, 'm')}`;
}

/** Unflushed member totals: `user_id, messages, reactions, joins, leaves, voice_ms, last_joined_at, last_active_at`. */
export function pendingTotals(pending: StatsPending | undefined): SQL {
  return sql`SELECT e->>0 AS user_id, (e->>1)::bigint AS messages, (e->>2)::bigint AS reactions, (e->>3)::bigint AS joins,
    (e->>4)::bigint AS leaves, (e->>5)::bigint AS voice_ms, ${ts('e->>6')} AS last_joined_at, ${ts('e->>7')} AS last_active_at
    FROM ${rows(pending, 't')}`;
}

/**
 * A guild's member totals as they are now: Postgres plus the hub's unflushed deltas.
 * Selects `user_id, messages, reactions, joins, leaves, voice_ms, last_joined_at, last_active_at`.
 */
export function mergedTotals(guildId: string, pending: StatsPending | undefined): SQL {
  return sql`SELECT user_id, sum(messages)::bigint AS messages, sum(reactions)::bigint AS reactions, sum(joins)::bigint AS joins,
    sum(leaves)::bigint AS leaves, sum(voice_ms)::bigint AS voice_ms, max(last_joined_at) AS last_joined_at, max(last_active_at) AS last_active_at
  FROM (
    SELECT user_id, messages::bigint, reactions::bigint, joins::bigint, leaves::bigint, voice_ms, last_joined_at, last_active_at
    FROM stats_member_totals WHERE guild_id = ${guildId}
    UNION ALL ${pendingTotals(pending)}
  ) x GROUP BY user_id`;
}

/** A guild's member-day rows over `[from, to)` (UTC days), Postgres plus unflushed deltas, unsummed. */
export function memberDays(guildId: string, from: Date, to: Date, pending: StatsPending | undefined, userId?: string): SQL {
  const who = userId === undefined ? sql`` : sql`AND user_id = ${userId}`;
  return sql`SELECT day, user_id, messages::bigint AS messages, reactions::bigint AS reactions, voice_ms FROM stats_member_daily
    WHERE guild_id = ${guildId} AND day >= ${from.toISOString()}::timestamptz AND day < ${to.toISOString()}::timestamptz ${who}
  UNION ALL
  SELECT * FROM (${pendingMemberDays(pending)}) p
    WHERE day >= ${from.toISOString()}::timestamptz AND day < ${to.toISOString()}::timestamptz ${who}`;
}
