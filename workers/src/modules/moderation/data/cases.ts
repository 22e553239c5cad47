import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../lib/db';
import { moderationCases } from '../schema';
import type { CaseSource } from '../ModerationServices';

/** Kinds of case. */
export const CASE_TYPES = ['warn', 'timeout', 'untimeout', 'kick', 'ban', 'unban', 'softban'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** A case as the commands, the API and the dashboard show it. */
export interface ModCase {
  number: number;
  type: CaseType;
  actorId: string | null;
  targetId: string;
  reason: string | null;
  durationSeconds: number | null;
  expiresAt: string | null;
  active: boolean;
  source: CaseSource;
  messageIds: string[];
  createdAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
}

/** What a new case is made of. */
export interface NewCase {
  type: CaseType;
  actorId: string | null;
  targetId: string;
  reason: string | null;
  durationSeconds?: number | null;
  expiresAt?: Date | null;
  source: CaseSource;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toCase(r: typeof moderationCases.$inferSelect): ModCase {
  return {
    number: r.number, type: r.type as CaseType, actorId: r.actorId, targetId: r.targetId, reason: r.reason,
    durationSeconds: r.durationSeconds, expiresAt: iso(r.expiresAt), active: r.active, source: r.source as CaseSource,
    messageIds: r.messageIds, createdAt: iso(r.createdAt)!, liftedAt: iso(r.liftedAt), liftedBy: r.liftedBy,
  };
}

/** Filters of {@link listCases}. */
export interface CaseFilters {
  targetId?: string;
  actorId?: string;
  type?: CaseType;
  from?: Date;
  to?: Date;
  /** Cases numbered below this one (paging, newest first). */
  before?: number;
  limit?: number;
}

/** Cases of one guild (moderation_cases), numbered per guild. */
export const cases = {
  /**
   * Records a case with the guild's next number, in one statement: the counter upsert and the
   * insert happen together, so two moderators acting at once get distinct numbers.
   */
  async create(db: Db, guildId: string, c: NewCase): Promise<ModCase> {
    const timed = c.expiresAt != null;
    const res = await db.execute(sql`
      WITH n AS (
        INSERT INTO moderation_case_counters (guild_id, last) VALUES (${guildId}, 1)
        ON CONFLICT (guild_id) DO UPDATE SET last = moderation_case_counters.last + 1
        RETURNING last
      )
      INSERT INTO moderation_cases (guild_id, number, type, actor_id, target_id, reason, duration_seconds, expires_at, active, source)
      SELECT ${guildId}, n.last, ${c.type}, ${c.actorId}, ${c.targetId}, ${c.reason}, ${c.durationSeconds ?? null},
             ${c.expiresAt ? c.expiresAt.toISOString() : null}::timestamptz, ${timed}, ${c.source}
      FROM n
      RETURNING number, created_at`);
    const row = res.rows[0] as { number: number; created_at: Date | string };
    // The row as inserted, without reading it back (one round trip per case).
    return toCase({
      id: 0, guildId, number: Number(row.number), type: c.type, actorId: c.actorId, targetId: c.targetId, reason: c.reason,
      durationSeconds: c.durationSeconds ?? null, expiresAt: c.expiresAt ?? null, active: timed, source: c.source, messageIds: [],
      createdAt: new Date(row.created_at), updatedAt: new Date(row.created_at), liftedAt: null, liftedBy: null,
    });
  },

  async get(db: Db, guildId: string, number: number): Promise<ModCase | null> {
    const [row] = await db.select().from(moderationCases).where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.number, number)));
    return row ? toCase(row) : null;
  },

  /** Newest first. */
  async list(db: Db, guildId: string, f: CaseFilters = {}): Promise<ModCase[]> {
    const where: SQL[] = [eq(moderationCases.guildId, guildId)];
    if (f.targetId) where.push(eq(moderationCases.targetId, f.targetId));
    if (f.actorId) where.push(eq(moderationCases.actorId, f.actorId));
    if (f.type) where.push(eq(moderationCases.type, f.type));
    if (f.from) where.push(gte(moderationCases.createdAt, f.from));
    if (f.to) where.push(lte(moderationCases.createdAt, f.to));
    if (f.before) where.push(lt(moderationCases.number, f.before));
    const rows = await db.select().from(moderationCases).where(and(...where)).orderBy(desc(moderationCases.number)).limit(f.limit ?? 50);
    return rows.map(toCase);
  },

  async setReason(db: Db, guildId: string, number: number, reason: string): Promise<ModCase | null> {
    const rows = await db
      .update(moderationCases)
      .set({ reason, updatedAt: new Date() })
      .where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.number, number)))
      .returning();
    return rows[0] ? toCase(rows[0]) : null;
  },

  async addMessage(db: Db, guildId: string, number: number, messageId: string): Promise<void> {
    await db
      .update(moderationCases)
      .set({ messageIds: sql`array_append(${moderationCases.messageIds}, ${messageId})` })
      .where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.number, number)));
  },

  /**
   * Ends the timed actions of `type` in force on a member (a ban lifted, a timeout removed);
   * returns the numbers it ended. `number` limits it to that case.
   */
  async lift(db: Db, guildId: string, where: { targetId: string; type: CaseType; number?: number }, by: string | null): Promise<number[]> {
    const rows = await db
      .update(moderationCases)
      .set({ active: false, liftedAt: new Date(), liftedBy: by, updatedAt: new Date() })
      .where(
        and(
          eq(moderationCases.guildId, guildId),
          eq(moderationCases.targetId, where.targetId),
          eq(moderationCases.type, where.type),
          eq(moderationCases.active, true),
          ...(where.number !== undefined ? [eq(moderationCases.number, where.number)] : []),
        ),
      )
      .returning({ number: moderationCases.number });
    return rows.map((r) => r.number);
  },

  /** How many cases of `type` a member got since `from`. */
  async count(db: Db, guildId: string, f: { targetId: string; type: CaseType; from: Date }): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(moderationCases)
      .where(and(eq(moderationCases.guildId, guildId), eq(moderationCases.targetId, f.targetId), eq(moderationCases.type, f.type), gte(moderationCases.createdAt, f.from)));
    return Number(row?.n ?? 0);
  },

  /** Active timed cases past their expiry, any guild (the cron's safety net for lost jobs). */
  async overdue(db: Db, now: Date, limit = 50): Promise<{ guildId: string; number: number }[]> {
    return db
      .select({ guildId: moderationCases.guildId, number: moderationCases.number })
      .from(moderationCases)
      .where(and(eq(moderationCases.active, true), lte(moderationCases.expiresAt, now)))
      .limit(limit);
  },
};
