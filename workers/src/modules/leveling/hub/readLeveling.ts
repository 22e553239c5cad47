import type { LocalReadContext } from '../../../platform/ModuleDefinition';
import { XpLedger } from './XpLedger';

/** A member's totals as the hub has them now (exact: flushed or not). */
export interface XpEntry {
  userId: string;
  xp: number;
  messages: number;
  voiceMinutes: number;
  /** 1 = most XP; null when the member has none. */
  rank: number | null;
}

/** What `hub.readLocal('leveling', args)` answers. */
export type LevelingRead = { member: XpEntry; total: number } | { entries: XpEntry[]; total: number };

/** `{ userId }` for one member, `{ offset, limit }` for a page of the leaderboard, `{ all: true }` for every member with XP. */
export type LevelingReadArgs = { userId: string } | { offset: number; limit: number } | { all: true };

/** The module's `readLocal`: members' XP and ranks from the hub's memory (no Postgres). */
export function readLeveling(ctx: LocalReadContext, args: unknown): LevelingRead {
  const state = XpLedger.of(ctx.local).state;
  const ranking = state.ranking();
  const entry = (userId: string, i: number): XpEntry => {
    const m = state.get(userId);
    return { userId, xp: m.xp, messages: m.msgs, voiceMinutes: m.voiceMin, rank: i >= 0 && m.xp > 0 ? i + 1 : null };
  };
  const a = (args ?? {}) as Partial<{ userId: string; offset: number; limit: number; all: boolean }>;
  if (a.all === true) return { entries: ranking.map(([id], i) => entry(id, i)), total: ranking.length };
  if (typeof a.userId === 'string') return { member: entry(a.userId, ranking.findIndex(([id]) => id === a.userId)), total: ranking.length };
  const offset = Math.max(0, Math.floor(Number(a.offset ?? 0)));
  const limit = Math.min(100, Math.max(1, Math.floor(Number(a.limit ?? 10))));
  return { entries: ranking.slice(offset, offset + limit).map(([id], i) => entry(id, offset + i)), total: ranking.length };
}
