import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { tickets } from '../schema';

/** A ticket as the module and the API show it (without its transcript). */
export interface Ticket {
  id: number;
  number: number;
  category: string;
  channelId: string | null;
  openerId: string;
  status: 'open' | 'closed';
  answers: { question: string; answer: string }[];
  claimedBy: string | null;
  firstResponderId: string | null;
  createdAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
}

type Row = typeof tickets.$inferSelect;
const toTicket = (r: Row): Ticket => ({
  id: r.id, number: r.number, category: r.category, channelId: r.channelId, openerId: r.openerId, status: r.status as Ticket['status'],
  answers: JSON.parse(r.answers) as Ticket['answers'], claimedBy: r.claimedBy, firstResponderId: r.firstResponderId, createdAt: r.createdAt.toISOString(),
  firstResponseAt: r.firstResponseAt?.toISOString() ?? null, closedAt: r.closedAt?.toISOString() ?? null, closedBy: r.closedBy, closeReason: r.closeReason,
});
const cols = { id: tickets.id, number: tickets.number, category: tickets.category, channelId: tickets.channelId, openerId: tickets.openerId, status: tickets.status, answers: tickets.answers, claimedBy: tickets.claimedBy, firstResponderId: tickets.firstResponderId, createdAt: tickets.createdAt, firstResponseAt: tickets.firstResponseAt, closedAt: tickets.closedAt, closedBy: tickets.closedBy, closeReason: tickets.closeReason, guildId: tickets.guildId, transcript: sql<null>`null` };

/** The Tickets module's Postgres reads and writes. */
export const ticketStore = {
  /** A new open ticket, numbered after the guild's last one. */
  async create(db: Db, guildId: string, t: { category: string; openerId: string; answers: Ticket['answers'] }): Promise<Ticket> {
    const [row] = await db.insert(tickets).values({
      guildId, category: t.category, openerId: t.openerId, answers: JSON.stringify(t.answers),
      number: sql`(SELECT coalesce(max(${tickets.number}), 0) + 1 FROM ${tickets} WHERE ${tickets.guildId} = ${guildId})`,
    }).returning();
    return toTicket(row!);
  },
  async setChannel(db: Db, id: number, channelId: string): Promise<void> {
    await db.update(tickets).set({ channelId }).where(eq(tickets.id, id));
  },
  async remove(db: Db, id: number): Promise<void> {
    await db.delete(tickets).where(eq(tickets.id, id));
  },
  async byChannel(db: Db, guildId: string, channelId: string): Promise<Ticket | null> {
    const [row] = await db.select(cols).from(tickets).where(and(eq(tickets.guildId, guildId), eq(tickets.channelId, channelId)));
    return row ? toTicket(row as Row) : null;
  },
  async get(db: Db, guildId: string, id: number): Promise<Ticket | null> {
    const [row] = await db.select(cols).from(tickets).where(and(eq(tickets.guildId, guildId), eq(tickets.id, id)));
    return row ? toTicket(row as Row) : null;
  },
  async openCount(db: Db, guildId: string, openerId: string): Promise<number> {
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(and(eq(tickets.guildId, guildId), eq(tickets.openerId, openerId), eq(tickets.status, 'open')));
    return Number(r?.n ?? 0);
  },
  /** Claims an open ticket for `staffId`; false when someone else holds it. */
  async claim(db: Db, id: number, staffId: string): Promise<boolean> {
    const rows = await db.update(tickets).set({ claimedBy: staffId }).where(and(eq(tickets.id, id), sql`(${tickets.claimedBy} IS NULL OR ${tickets.claimedBy} = ${staffId})`)).returning({ id: tickets.id });
    return rows.length > 0;
  },
  /** Closes an open ticket (false when it already was): reason, who, transcript and first response. */
  async close(db: Db, id: number, c: { by: string; reason: string; transcript: string; firstResponse: { at: Date; by: string } | null }): Promise<boolean> {
    const rows = await db.update(tickets).set({
      status: 'closed', closedAt: new Date(), closedBy: c.by, closeReason: c.reason, transcript: c.transcript,
      firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${c.firstResponse?.at ?? null})`, firstResponderId: sql`coalesce(${tickets.firstResponderId}, ${c.firstResponse?.by ?? null})`,
    }).where(and(eq(tickets.id, id), eq(tickets.status, 'open'))).returning({ id: tickets.id });
    return rows.length > 0;
  },
  async reopen(db: Db, id: number): Promise<boolean> {
    const rows = await db.update(tickets).set({ status: 'open', closedAt: null }).where(and(eq(tickets.id, id), eq(tickets.status, 'closed'))).returning({ id: tickets.id });
    return rows.length > 0;
  },
  async transcript(db: Db, guildId: string, id: number): Promise<string | null> {
    const [row] = await db.select({ t: tickets.transcript }).from(tickets).where(and(eq(tickets.guildId, guildId), eq(tickets.id, id)));
    return row?.t ?? null;
  },
  async list(db: Db, guildId: string, limit = 100): Promise<Ticket[]> {
    return (await db.select(cols).from(tickets).where(eq(tickets.guildId, guildId)).orderBy(desc(tickets.id)).limit(limit)).map((r) => toTicket(r as Row));
  },
  /**
   * Statistics per category and per staff member (the claimer, else the first responder):
   * open tickets, closed ones, mean first-response and resolution times in seconds.
   */
  async stats(db: Db, guildId: string): Promise<{ key: string; by: 'category' | 'staff'; open: number; closed: number; firstResponseS: number | null; resolutionS: number | null }[]> {
    const rows = await db.execute<{ key: string; by: 'category' | 'staff'; open: number; closed: number; first_s: number | null; res_s: number | null }>(sql`
      WITH t AS (SELECT *, coalesce(claimed_by, first_responder_id) AS staff FROM tickets WHERE guild_id = ${guildId})
      SELECT category AS key, 'category' AS by, count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed,
        avg(extract(epoch FROM first_response_at - created_at))::float AS first_s, avg(extract(epoch FROM closed_at - created_at)) FILTER (WHERE status = 'closed')::float AS res_s
      FROM t GROUP BY category
      UNION ALL
      SELECT staff, 'staff', count(*) FILTER (WHERE status = 'open')::int, count(*) FILTER (WHERE status = 'closed')::int,
        avg(extract(epoch FROM first_response_at - created_at))::float, avg(extract(epoch FROM closed_at - created_at)) FILTER (WHERE status = 'closed')::float
      FROM t WHERE staff IS NOT NULL GROUP BY staff`);
    return rows.rows.map((r) => ({ key: r.key, by: r.by, open: Number(r.open), closed: Number(r.closed), firstResponseS: r.first_s === null ? null : Math.round(Number(r.first_s)), resolutionS: r.res_s === null ? null : Math.round(Number(r.res_s)) }));
  },
};
