import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { giveawayEntries, giveaways } from '../schema';

/** A giveaway as the module and the API show it. */
export interface Giveaway {
  id: number;
  channelId: string;
  messageId: string | null;
  prize: string;
  winners: number;
  requiredRoles: string[];
  bonus: { roleId: string; entries: number }[];
  hostId: string;
  createdAt: string;
  endsAt: string;
  endedAt: string | null;
  winnerIds: string[] | null;
  entries: number;
}

type Row = typeof giveaways.$inferSelect;
const toGiveaway = (r: Row, entries = 0): Giveaway => ({
  id: r.id, channelId: r.channelId, messageId: r.messageId, prize: r.prize, winners: r.winners, requiredRoles: r.requiredRoles, bonus: r.bonus, hostId: r.hostId,
  createdAt: r.createdAt.toISOString(), endsAt: r.endsAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null, winnerIds: r.winnerIds ?? null, entries,
});
const entryCount = sql<number>`(SELECT count(*)::int FROM ${giveawayEntries} WHERE ${giveawayEntries.giveawayId} = ${giveaways.id})`;

/** The Giveaways module's Postgres reads and writes. */
export const giveawayStore = {
  async create(db: Db, guildId: string, g: Pick<Giveaway, 'channelId' | 'prize' | 'winners' | 'requiredRoles' | 'bonus' | 'hostId'> & { endsAt: Date }): Promise<Giveaway> {
    const [row] = await db.insert(giveaways).values({ guildId, ...g }).returning();
    return toGiveaway(row!);
  },
  async remove(db: Db, id: number): Promise<void> {
    await db.delete(giveaways).where(eq(giveaways.id, id));
  },
  async setMessage(db: Db, id: number, messageId: string): Promise<void> {
    await db.update(giveaways).set({ messageId }).where(eq(giveaways.id, id));
  },
  async get(db: Db, guildId: string, id: number): Promise<Giveaway | null> {
    const [r] = await db.select({ g: giveaways, n: entryCount }).from(giveaways).where(and(eq(giveaways.guildId, guildId), eq(giveaways.id, id)));
    return r ? toGiveaway(r.g, Number(r.n)) : null;
  },
  async list(db: Db, guildId: string, limit = 50): Promise<Giveaway[]> {
    return (await db.select({ g: giveaways, n: entryCount }).from(giveaways).where(eq(giveaways.guildId, guildId)).orderBy(desc(giveaways.id)).limit(limit)).map((r) => toGiveaway(r.g, Number(r.n)));
  },
  /** Records an entry; false when the member had already entered. */
  async enter(db: Db, giveawayId: number, userId: string, weight: number): Promise<boolean> {
    const rows = await db.insert(giveawayEntries).values({ giveawayId, userId, weight }).onConflictDoNothing().returning({ u: giveawayEntries.userId });
    return rows.length > 0;
  },
  async entries(db: Db, giveawayId: number): Promise<{ userId: string; weight: number }[]> {
    return db.select({ userId: giveawayEntries.userId, weight: giveawayEntries.weight }).from(giveawayEntries).where(eq(giveawayEntries.giveawayId, giveawayId));
  },
  /** Marks the giveaway ended with its winners; false when it already was (its end ran once). */
  async end(db: Db, id: number, winnerIds: string[]): Promise<boolean> {
    const rows = await db.update(giveaways).set({ endedAt: new Date(), winnerIds }).where(and(eq(giveaways.id, id), isNull(giveaways.endedAt))).returning({ id: giveaways.id });
    return rows.length > 0;
  },
  async setWinners(db: Db, id: number, winnerIds: string[]): Promise<void> {
    await db.update(giveaways).set({ winnerIds }).where(eq(giveaways.id, id));
  },
};
