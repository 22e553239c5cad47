import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { activeMembers, rollupParts } from './periodParts';
import type { Period } from './period';

/** A guild's activity over a period. */
export interface StatsOverview {
  from: string;
  to: string;
  messages: number;
  reactions: number;
  joins: number;
  leaves: number;
  voiceSeconds: number;
  /** Distinct members with a message, a reaction or a voice change in the period. */
  activeMembers: number;
}

/** Totals of a guild over a period: one round trip. */
export async function getOverview(db: StatsDb, guildId: string, period: Period): Promise<StatsOverview> {
  const [row] = await queryRows<Record<string, string | number | null>>(
    db,
    sql`WITH parts AS (${rollupParts(guildId, period)}), active AS (${activeMembers(guildId, period)})
    SELECT coalesce(sum(messages), 0)::bigint AS messages, coalesce(sum(reactions), 0)::bigint AS reactions,
      coalesce(sum(joins), 0)::bigint AS joins, coalesce(sum(leaves), 0)::bigint AS leaves,
      coalesce(sum(voice_ms), 0)::bigint AS voice_ms, (SELECT count(*) FROM active)::bigint AS active
    FROM parts`,
  );
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    messages: Number(row?.messages ?? 0),
    reactions: Number(row?.reactions ?? 0),
    joins: Number(row?.joins ?? 0),
    leaves: Number(row?.leaves ?? 0),
    voiceSeconds: Number(row?.voice_ms ?? 0) / 1000,
    activeMembers: Number(row?.active ?? 0),
  };
}
