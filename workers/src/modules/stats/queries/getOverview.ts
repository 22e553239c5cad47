import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { activeMembers, rollupParts } from './periodParts';
import type { StatsPending } from './pending';
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
  /** Distinct members with a message, a reaction or voice time on the UTC days the period touches. */
  activeMembers: number;
}

/** Totals of a guild over a period (Postgres plus the hub's unflushed deltas): one round trip. */
export async function getOverview(db: StatsDb, guildId: string, period: Period, pending?: StatsPending): Promise<StatsOverview> {
  const [row] = await queryRows<Record<string, string | number | null>>(
    db,
    sql`WITH parts AS (${rollupParts(guildId, period, pending)}), active AS (${activeMembers(guildId, period, pending)})
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
