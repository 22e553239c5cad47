import { sql, type SQL } from 'drizzle-orm';
import { memberDays, pendingRollups, type StatsPending } from './pending';
import type { Period } from './period';

const iso = (d: Date) => d.toISOString();
const DAY = 86_400_000;

/**
 * The rollup rows covering a period exactly: daily rows for its whole UTC days, 5-minute rows
 * for the partial days at its edges, and the hub's unflushed 5-minute deltas inside it.
 * Selects `channel_id, messages, reactions, joins, leaves, voice_ms`.
 */
export function rollupParts(guildId: string, p: Period, pending?: StatsPending): SQL {
  return sql`
  SELECT channel_id, messages, reactions, joins, leaves, voice_ms FROM stats_daily
  WHERE guild_id = ${guildId} AND day >= ${iso(p.dayFrom)}::timestamptz AND day < ${iso(p.dayTo)}::timestamptz
  UNION ALL
  SELECT channel_id, messages, reactions, joins, leaves, voice_ms FROM stats_5min
  WHERE guild_id = ${guildId} AND bucket >= ${iso(p.from)}::timestamptz AND bucket < ${iso(p.to)}::timestamptz
    AND NOT (bucket >= ${iso(p.dayFrom)}::timestamptz AND bucket < ${iso(p.dayTo)}::timestamptz)
  UNION ALL
  SELECT channel_id, messages, reactions, joins, leaves, voice_ms FROM (${pendingRollups(pending)}) x
  WHERE bucket >= ${iso(p.from)}::timestamptz AND bucket < ${iso(p.to)}::timestamptz`;
}

/**
 * Members active (a message, a reaction or voice time) on the UTC days the period touches,
 * like member period sums: Postgres keeps no per-event rows to cut a day at a 5-minute edge.
 * Selects `user_id`.
 */
export function activeMembers(guildId: string, p: Period, pending?: StatsPending): SQL {
  const from = new Date(Math.floor(p.from.getTime() / DAY) * DAY);
  return sql`
  SELECT DISTINCT user_id FROM (${memberDays(guildId, from, p.to, pending)}) d
  GROUP BY day, user_id HAVING sum(messages) > 0 OR sum(reactions) > 0 OR sum(voice_ms) > 0`;
}
