import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { memberDays, pendingRollups, type StatsPending } from './pending';
import type { Period } from './period';

/** What a CSV export holds: a row per channel per day, or per member per day. */
export type ExportKind = 'channels' | 'members';

/** Most rows one export returns (a year of 100 channels; members are capped the same). */
export const EXPORT_MAX_ROWS = 50_000;

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The daily rollup of a period as CSV (UTC days the period touches), ids as text so
 * spreadsheets do not round snowflakes. Voice in seconds.
 */
export async function exportCsv(db: StatsDb, guildId: string, kind: ExportKind, period: Period, pending?: StatsPending): Promise<string> {
  const from = new Date(Math.floor(period.from.getTime() / 86_400_000) * 86_400_000).toISOString();
  const to = period.to.toISOString();
  const rows =
    kind === 'channels'
      ? await queryRows<Record<string, unknown>>(
          db,
          sql`SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, channel_id, sum(messages)::bigint AS messages,
                sum(reactions)::bigint AS reactions, sum(joins)::bigint AS joins, sum(leaves)::bigint AS leaves,
                (sum(voice_ms) / 1000.0)::float8 AS voice_seconds
              FROM (
                SELECT day, channel_id, messages, reactions, joins, leaves, voice_ms FROM stats_daily WHERE guild_id = ${guildId}
                UNION ALL
                SELECT date_bin('1 day', bucket, timestamptz '1970-01-01 00:00:00+00'), channel_id, messages, reactions, joins, leaves, voice_ms
                FROM (${pendingRollups(pending)}) p
              ) d
              WHERE day >= ${from}::timestamptz AND day < ${to}::timestamptz
              GROUP BY 1, 2 ORDER BY 1, 2 LIMIT ${EXPORT_MAX_ROWS}`,
        )
      : await queryRows<Record<string, unknown>>(
          db,
          sql`SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, user_id, sum(messages)::bigint AS messages,
                sum(reactions)::bigint AS reactions, (sum(voice_ms) / 1000.0)::float8 AS voice_seconds
              FROM (${memberDays(guildId, new Date(from), period.to, pending)}) d
              GROUP BY 1, 2 ORDER BY 1, 2 LIMIT ${EXPORT_MAX_ROWS}`,
        );
  const header =
    kind === 'channels'
      ? ['day', 'channel_id', 'messages', 'reactions', 'joins', 'leaves', 'voice_seconds']
      : ['day', 'user_id', 'messages', 'reactions', 'voice_seconds'];
  const lines = rows.map((r) => header.map((h) => csvCell(r[h])).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}
