import { and, desc, eq } from 'drizzle-orm';
import { dashboardAccess } from '@edge/drizzle/schema';
import type { Db } from '../../lib/db';
import type { GrantLevel } from './levels';

/** A dashboard access grant as the API returns it. */
export interface Grant {
  userId: string;
  level: GrantLevel;
  grantedBy: string | null;
  createdAt: string;
}

const toGrant = (r: typeof dashboardAccess.$inferSelect): Grant => ({
  userId: r.userId,
  level: r.level,
  grantedBy: r.grantedBy,
  createdAt: r.createdAt.toISOString(),
});

/** Dashboard access grants per guild (table `dashboard_access`). */
export const grants = {
  async levelOf(db: Db, guildId: string, userId: string): Promise<GrantLevel | null> {
    const [row] = await db
      .select({ level: dashboardAccess.level })
      .from(dashboardAccess)
      .where(and(eq(dashboardAccess.guildId, guildId), eq(dashboardAccess.userId, userId)));
    return row?.level ?? null;
  },

  /** Guild ids where the user holds a grant, with the level. */
  async ofUser(db: Db, userId: string): Promise<Map<string, GrantLevel>> {
    const rows = await db.select({ g: dashboardAccess.guildId, l: dashboardAccess.level }).from(dashboardAccess).where(eq(dashboardAccess.userId, userId));
    return new Map(rows.map((r) => [r.g, r.l]));
  },

  async list(db: Db, guildId: string): Promise<Grant[]> {
    const rows = await db.select().from(dashboardAccess).where(eq(dashboardAccess.guildId, guildId)).orderBy(desc(dashboardAccess.createdAt));
    return rows.map(toGrant);
  },

  async set(db: Db, guildId: string, userId: string, level: GrantLevel, grantedBy: string): Promise<Grant> {
    const [row] = await db
      .insert(dashboardAccess)
      .values({ guildId, userId, level, grantedBy })
      .onConflictDoUpdate({ target: [dashboardAccess.guildId, dashboardAccess.userId], set: { level, grantedBy, updatedAt: new Date() } })
      .returning();
    return toGrant(row!);
  },

  /** Removes a grant; false when there was none. */
  async remove(db: Db, guildId: string, userId: string): Promise<boolean> {
    const rows = await db
      .delete(dashboardAccess)
      .where(and(eq(dashboardAccess.guildId, guildId), eq(dashboardAccess.userId, userId)))
      .returning({ u: dashboardAccess.userId });
    return rows.length > 0;
  },
};
