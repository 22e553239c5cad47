import type { LocalReadContext } from '../../platform/ModuleDefinition';
import { starStore } from './data/starStore';

/** One message on the starboard, as the dashboard lists it. */
export interface BoardEntry {
  messageId: string;
  channelId: string;
  authorId: string | null;
  authorName: string | null;
  excerpt: string | null;
  stars: number;
  boardMessageId: string | null;
  postedAt: string | null;
}

/** The module's `readLocal`: the most recently posted entries (args `{ limit }`, 1–100, default 50). */
export function readEntries(ctx: LocalReadContext, args: unknown): BoardEntry[] {
  const limit = Math.min(100, Math.max(1, Number((args as { limit?: number } | null)?.limit ?? 50) || 50));
  return starStore.recent(ctx.local, limit).map((e) => ({
    messageId: e.messageId, channelId: e.channelId, authorId: e.authorId, authorName: e.authorName, excerpt: e.excerpt,
    stars: e.stars.length, boardMessageId: e.boardMessageId, postedAt: e.postedAt === null ? null : new Date(e.postedAt).toISOString(),
  }));
}
