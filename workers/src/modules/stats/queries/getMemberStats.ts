import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { memberDays, mergedTotals, type StatsPending } from './pending';
import type { Period } from './period';

/** Counts of one member. */
export interface MemberCounts {
  messages: number;
  reactions: number;
  voiceSeconds: number;
}

/** One member's stats: cumulative totals and the UTC days the period touches. */
export interface MemberStats {
  userId: string;
  totals: MemberCounts & { joins: number; leaves: number; lastJoinedAt: string | null; lastActiveAt: string | null };
  period: MemberCounts & { from: string; to: string };
  /** 1-based rank by all-time messages among the guild's members (null: never counted). */
  messageRank: number | null;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** A member's totals, period sums and rank (Postgres plus the hub's unflushed deltas), in one round trip. */
export async function getMemberStats(db: StatsDb, guildId: string, userId: string, period: Period, pending?: StatsPending): Promise<MemberStats> {
  const dayFrom = new Date(Math.floor(period.from.getTime() / 86_400_000) * 86_400_000).toISOString();
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`WITH tot AS (${mergedTotals(guildId, pending)}),
      t AS (SELECT * FROM tot WHERE user_id = ${userId}),
      p AS (SELECT coalesce(sum(messages), 0)::bigint AS messages, coalesce(sum(reactions), 0)::bigint AS reactions,
              coalesce(sum(voice_ms), 0)::bigint AS voice_ms
            FROM (${memberDays(guildId, new Date(dayFrom), period.to, pending, userId)}) d)
    SELECT t.messages, t.reactions, t.voice_ms, t.joins, t.leaves, t.last_joined_at, t.last_active_at,
      p.messages AS p_messages, p.reactions AS p_reactions, p.voice_ms AS p_voice_ms,
      (SELECT count(*) + 1 FROM tot o WHERE o.messages > t.messages)::bigint AS rank
    FROM p LEFT JOIN t ON true`,
  );
  const r = row ?? {};
  const counted = r.messages !== null && r.messages !== undefined;
  return {
    userId,
    totals: {
      messages: Number(r.messages ?? 0),
      reactions: Number(r.reactions ?? 0),
      voiceSeconds: Number(r.voice_ms ?? 0) / 1000,
      joins: Number(r.joins ?? 0),
      leaves: Number(r.leaves ?? 0),
      lastJoinedAt: iso(r.last_joined_at),
      lastActiveAt: iso(r.last_active_at),
    },
    period: {
      from: dayFrom,
      to: period.to.toISOString(),
      messages: Number(r.p_messages ?? 0),
      reactions: Number(r.p_reactions ?? 0),
      voiceSeconds: Number(r.p_voice_ms ?? 0) / 1000,
    },
    messageRank: counted ? Number(r.rank) : null,
  };
}
