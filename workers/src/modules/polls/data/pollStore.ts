import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { pollVotes, polls } from '../schema';

/** A poll as the module and the API show it. */
export interface Poll {
  id: number;
  channelId: string;
  messageId: string | null;
  kind: 'native' | 'buttons';
  question: string;
  answers: string[];
  multiselect: boolean;
  anonymous: boolean;
  createdBy: string;
  createdAt: string;
  endsAt: string;
  closedAt: string | null;
  /** Votes per answer: final once closed, live for open button polls, null for open native ones. */
  results: number[] | null;
}

type Row = typeof polls.$inferSelect;
const toPoll = (r: Row): Poll => ({
  id: r.id, channelId: r.channelId, messageId: r.messageId, kind: r.kind as Poll['kind'], question: r.question, answers: r.answers,
  multiselect: r.multiselect, anonymous: r.anonymous, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), endsAt: r.endsAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null, results: r.results ?? null,
});

/** Polls of a guild in Postgres. */
export const pollStore = {
  async create(db: Db, guildId: string, p: Omit<Poll, 'id' | 'messageId' | 'createdAt' | 'closedAt' | 'results' | 'endsAt'> & { endsAt: Date }): Promise<Poll> {
    const [row] = await db.insert(polls).values({ guildId, ...p }).returning();
    return toPoll(row!);
  },
  async setMessage(db: Db, guildId: string, id: number, messageId: string): Promise<void> {
    await db.update(polls).set({ messageId }).where(and(eq(polls.guildId, guildId), eq(polls.id, id)));
  },
  async get(db: Db, guildId: string, id: number): Promise<Poll | null> {
    const [row] = await db.select().from(polls).where(and(eq(polls.guildId, guildId), eq(polls.id, id)));
    return row ? toPoll(row) : null;
  },
  async list(db: Db, guildId: string, limit = 50): Promise<Poll[]> {
    return (await db.select().from(polls).where(eq(polls.guildId, guildId)).orderBy(desc(polls.id)).limit(limit)).map(toPoll);
  },
  /** Marks the poll over with its final counts; false when it was already closed (idempotent). */
  async close(db: Db, guildId: string, id: number, results: number[]): Promise<boolean> {
    const rows = await db.update(polls).set({ closedAt: new Date(), results }).where(and(eq(polls.guildId, guildId), eq(polls.id, id), isNull(polls.closedAt))).returning({ id: polls.id });
    return rows.length > 0;
  },
  /**
   * A member picks `answer` on a button poll: with multiselect it toggles that answer; without,
   * it replaces their vote (picking their current answer withdraws it). One statement each, so
   * two clicks at once still leave one vote per member and answer (the primary key).
   * Returns the member's answers afterwards.
   */
  async vote(db: Db, poll: Pick<Poll, 'id' | 'multiselect'>, userId: string, answer: number): Promise<number[]> {
    const removed = await db.delete(pollVotes).where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.userId, userId), eq(pollVotes.answer, answer))).returning({ answer: pollVotes.answer });
    if (removed.length === 0) {
      if (!poll.multiselect) await db.delete(pollVotes).where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.userId, userId)));
      await db.insert(pollVotes).values({ pollId: poll.id, userId, answer }).onConflictDoNothing();
    }
    const mine = await db.select({ answer: pollVotes.answer }).from(pollVotes).where(and(eq(pollVotes.pollId, poll.id), eq(pollVotes.userId, userId)));
    return mine.map((m) => m.answer).sort((a, b) => a - b);
  },
  /** Votes per answer of a button poll. */
  async tally(db: Db, poll: Pick<Poll, 'id' | 'answers'>): Promise<number[]> {
    const rows = await db.select({ answer: pollVotes.answer, n: sql<number>`count(*)::int` }).from(pollVotes).where(eq(pollVotes.pollId, poll.id)).groupBy(pollVotes.answer);
    const counts = poll.answers.map(() => 0);
    for (const r of rows) if (r.answer < counts.length) counts[r.answer] = Number(r.n);
    return counts;
  },
  /** Who voted for what (non-anonymous button polls only; the caller checks). */
  async voters(db: Db, pollId: number): Promise<{ userId: string; answer: number }[]> {
    return db.select({ userId: pollVotes.userId, answer: pollVotes.answer }).from(pollVotes).where(eq(pollVotes.pollId, pollId));
  },
};
