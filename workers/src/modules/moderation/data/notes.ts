import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { moderationNotes } from '../schema';

/** A private moderator note about a member. */
export interface ModNote {
  id: number;
  targetId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

const toNote = (r: typeof moderationNotes.$inferSelect): ModNote => ({
  id: r.id, targetId: r.targetId, authorId: r.authorId, body: r.body, createdAt: new Date(r.createdAt).toISOString(),
});

/** Moderator notes (moderation_notes). */
export const notes = {
  async add(db: Db, guildId: string, n: { targetId: string; authorId: string; body: string }): Promise<ModNote> {
    const [row] = await db.insert(moderationNotes).values({ guildId, ...n }).returning();
    return toNote(row!);
  },
  /** A member's notes, newest first. */
  async list(db: Db, guildId: string, targetId: string, limit = 50): Promise<ModNote[]> {
    const rows = await db
      .select()
      .from(moderationNotes)
      .where(and(eq(moderationNotes.guildId, guildId), eq(moderationNotes.targetId, targetId)))
      .orderBy(desc(moderationNotes.createdAt))
      .limit(limit);
    return rows.map(toNote);
  },
};
