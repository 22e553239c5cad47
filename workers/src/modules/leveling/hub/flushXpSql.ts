import { sql, type SQL } from 'drizzle-orm';
import type { XpDeltas } from './XpLedger';

/**
 * One generation of a guild's XP deltas as ONE statement: the flush id goes into
 * `leveling_flushes` first and the upsert reads from that insert, so a flush sent again adds
 * nothing. Answers `applied` = 1 when this call added the deltas.
 */
export function flushXpSql(guildId: string, flushId: string, deltas: XpDeltas): SQL {
  const rows = Object.entries(deltas).map(([u, [x, m, v]]) => ({ u, x, m, v }));
  return sql`
WITH f AS (
  INSERT INTO leveling_flushes (flush_id, guild_id) VALUES (${flushId}, ${guildId})
  ON CONFLICT (flush_id) DO NOTHING RETURNING 1
),
up AS (
  INSERT INTO leveling_members (guild_id, user_id, xp, messages, voice_minutes, updated_at)
  SELECT ${guildId}, d.u, d.x, d.m, d.v, now()
  FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS d(u text, x bigint, m int, v int)
  WHERE EXISTS (SELECT 1 FROM f)
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    xp = leveling_members.xp + excluded.xp, messages = leveling_members.messages + excluded.messages,
    voice_minutes = leveling_members.voice_minutes + excluded.voice_minutes, updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM f)::int AS applied, (SELECT count(*) FROM up)::int AS members`;
}
