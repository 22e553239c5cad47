import { and, asc, count, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { schedulerDeliveries, schedulerReminders } from '../schema';

/** A reminder as commands and the API show it. */
export interface Reminder {
  id: number;
  channelId: string;
  userId: string;
  text: string;
  dueAt: string;
  createdAt: string;
}

const toReminder = (r: typeof schedulerReminders.$inferSelect): Reminder => ({
  id: r.id, channelId: r.channelId, userId: r.userId, text: r.text, dueAt: r.dueAt.toISOString(), createdAt: r.createdAt.toISOString(),
});

/** The Scheduler's Postgres reads and writes. */
export const schedulerStore = {
  async addReminder(db: Db, guildId: string, r: { channelId: string; userId: string; text: string; dueAt: Date }): Promise<Reminder> {
    const [row] = await db.insert(schedulerReminders).values({ guildId, ...r }).returning();
    return toReminder(row!);
  },
  /** Pending reminders of a member (or of the guild when `userId` is omitted), soonest first. */
  async pending(db: Db, guildId: string, userId?: string, limit = 100): Promise<Reminder[]> {
    const where = and(eq(schedulerReminders.guildId, guildId), isNull(schedulerReminders.deliveredAt), ...(userId ? [eq(schedulerReminders.userId, userId)] : []));
    return (await db.select().from(schedulerReminders).where(where).orderBy(asc(schedulerReminders.dueAt)).limit(limit)).map(toReminder);
  },
  async reminder(db: Db, guildId: string, id: number): Promise<(Reminder & { delivered: boolean }) | null> {
    const [row] = await db.select().from(schedulerReminders).where(and(eq(schedulerReminders.guildId, guildId), eq(schedulerReminders.id, id)));
    return row ? { ...toReminder(row), delivered: row.deliveredAt !== null } : null;
  },
  /** Deletes a pending reminder (of `userId` when given); false when there was none. */
  async deleteReminder(db: Db, guildId: string, id: number, userId?: string): Promise<boolean> {
    const rows = await db.delete(schedulerReminders)
      .where(and(eq(schedulerReminders.guildId, guildId), eq(schedulerReminders.id, id), isNull(schedulerReminders.deliveredAt), ...(userId ? [eq(schedulerReminders.userId, userId)] : [])))
      .returning({ id: schedulerReminders.id });
    return rows.length > 0;
  },
  async markReminderDelivered(db: Db, id: number): Promise<void> {
    await db.update(schedulerReminders).set({ deliveredAt: new Date() }).where(eq(schedulerReminders.id, id));
  },
  /** Takes the delivery claim of (ref, due time); false when it was already taken. */
  async claim(db: Db, guildId: string, ref: string, dueAt: Date): Promise<boolean> {
    const rows = await db.insert(schedulerDeliveries).values({ guildId, ref, dueAt }).onConflictDoNothing().returning({ ref: schedulerDeliveries.ref });
    return rows.length > 0;
  },
  /** Gives a claim back after a failed send, so QStash's retry may post. */
  async release(db: Db, guildId: string, ref: string, dueAt: Date): Promise<void> {
    await db.delete(schedulerDeliveries).where(and(eq(schedulerDeliveries.guildId, guildId), eq(schedulerDeliveries.ref, ref), eq(schedulerDeliveries.dueAt, dueAt)));
  },
  async recordMessage(db: Db, guildId: string, ref: string, dueAt: Date, messageId: string): Promise<void> {
    await db.update(schedulerDeliveries).set({ messageId }).where(and(eq(schedulerDeliveries.guildId, guildId), eq(schedulerDeliveries.ref, ref), eq(schedulerDeliveries.dueAt, dueAt)));
  },
  /** Deliveries since `since` (the month's quota use) and the pending reminders due before `until`. */
  async usage(db: Db, guildId: string, since: Date, until: Date): Promise<{ delivered: number; pendingReminders: number }> {
    const [[d], [p]] = await Promise.all([
      db.select({ n: count() }).from(schedulerDeliveries).where(and(eq(schedulerDeliveries.guildId, guildId), gte(schedulerDeliveries.deliveredAt, since))),
      db.select({ n: count() }).from(schedulerReminders).where(and(eq(schedulerReminders.guildId, guildId), isNull(schedulerReminders.deliveredAt), sql`${schedulerReminders.dueAt} < ${until}`)),
    ]);
    return { delivered: Number(d?.n ?? 0), pendingReminders: Number(p?.n ?? 0) };
  },
  /** Recent deliveries (the dashboard's history). */
  async recentDeliveries(db: Db, guildId: string, limit = 20): Promise<{ ref: string; dueAt: string; deliveredAt: string; messageId: string | null }[]> {
    const rows = await db.select().from(schedulerDeliveries).where(eq(schedulerDeliveries.guildId, guildId)).orderBy(sql`${schedulerDeliveries.deliveredAt} desc`).limit(limit);
    return rows.map((r) => ({ ref: r.ref, dueAt: r.dueAt.toISOString(), deliveredAt: r.deliveredAt.toISOString(), messageId: r.messageId }));
  },
};
