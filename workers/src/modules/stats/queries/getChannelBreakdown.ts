import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { rollupParts } from './periodParts';
import type { StatsPending } from './pending';
import type { Period } from './period';

/** One channel's activity over a period. */
export interface ChannelStats {
  channelId: string;
  messages: number;
  reactions: number;
  voiceSeconds: number;
}

/** Per-channel activity over a period, busiest first (by messages, then voice), at most `limit` channels. */
export async function getChannelBreakdown(db: StatsDb, guildId: string, period: Period, limit = 100, pending?: StatsPending): Promise<ChannelStats[]> {
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`WITH parts AS (${rollupParts(guildId, period, pending)})
    SELECT channel_id, sum(messages)::bigint AS messages, sum(reactions)::bigint AS reactions, sum(voice_ms)::bigint AS voice_ms
    FROM parts WHERE channel_id <> ''
    GROUP BY channel_id
    HAVING sum(messages) > 0 OR sum(reactions) > 0 OR sum(voice_ms) > 0
    ORDER BY 2 DESC, 4 DESC, channel_id
    LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    channelId: String(r.channel_id),
    messages: Number(r.messages),
    reactions: Number(r.reactions),
    voiceSeconds: Number(r.voice_ms) / 1000,
  }));
}
