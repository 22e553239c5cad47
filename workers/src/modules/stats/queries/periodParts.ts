import { sql, type SQL } from 'drizzle-orm';
import type { Period } from './period';

const iso = (d: Date) => d.toISOString();

/**
 * The rollup rows covering a period exactly: daily rows for its whole UTC days, 5-minute rows
 * for the partial days at its edges. Selects `channel_id, messages, reactions, joins, leaves, voice_ms`.
 */
export function rollupParts(guildId: string, p: Period): SQL {
  return sql`
  SELECT channel_id, messages, reactions, joins, leaves, voice_ms FROM stats_daily
  WHERE guild_id = ${guildId} AND day >= ${iso(p.dayFrom)}::timestamptz AND day < ${iso(p.dayTo)}::timestamptz
  UNION ALL
  SELECT channel_id, messages, reactions, joins, leaves, voice_ms FROM stats_5min
  WHERE guild_id = ${guildId} AND bucket >= ${iso(p.from)}::timestamptz AND bucket < ${iso(p.to)}::timestamptz
    AND NOT (bucket >= ${iso(p.dayFrom)}::timestamptz AND bucket < ${iso(p.dayTo)}::timestamptz)`;
}

/** Members active (a message, a reaction or a voice change) in a period: whole days from the member rollup, edges from raw events. */
export function activeMembers(guildId: string, p: Period): SQL {
  return sql`
  SELECT user_id FROM stats_member_daily
  WHERE guild_id = ${guildId} AND day >= ${iso(p.dayFrom)}::timestamptz AND day < ${iso(p.dayTo)}::timestamptz
    AND (messages > 0 OR reactions > 0 OR voice_ms > 0)
  UNION
  SELECT user_id FROM stats_events
  WHERE guild_id = ${guildId} AND kind IN ('message', 'reaction', 'voice')
    AND at >= ${iso(p.from)}::timestamptz AND at < ${iso(p.to)}::timestamptz
    AND NOT (at >= ${iso(p.dayFrom)}::timestamptz AND at < ${iso(p.dayTo)}::timestamptz)`;
}
