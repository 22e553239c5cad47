import { sql } from 'drizzle-orm';
import { queryRows, type StatsDb } from '../db';
import { memberDays, type StatsPending } from './pending';
import type { Period } from './period';

/** One UTC day of a member's activity. */
export interface MemberDay {
  day: string;
  messages: number;
  reactions: number;
  voiceSeconds: number;
}

/**
 * A member's activity per UTC day over the period, every day present (zeros included), oldest
 * first: the member page's chart.
 */
export async function getMemberDaily(db: StatsDb, guildId: string, userId: string, period: Period, pending?: StatsPending): Promise<MemberDay[]> {
  const from = Math.floor(period.from.getTime() / 86_400_000) * 86_400_000;
  const rows = await queryRows<{ day: unknown; messages: unknown; reactions: unknown; voice_ms: unknown }>(
    db,
    sql`SELECT day, sum(messages)::bigint AS messages, sum(reactions)::bigint AS reactions, sum(voice_ms)::bigint AS voice_ms
        FROM (${memberDays(guildId, new Date(from), period.to, pending, userId)}) d GROUP BY day`,
  );
  const byDay = new Map(rows.map((r) => [new Date(r.day as string).toISOString().slice(0, 10), r]));
  const out: MemberDay[] = [];
  for (let t = from; t < period.to.getTime(); t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(key);
    out.push({ day: key, messages: Number(r?.messages ?? 0), reactions: Number(r?.reactions ?? 0), voiceSeconds: Number(r?.voice_ms ?? 0) / 1000 });
  }
  return out;
}
