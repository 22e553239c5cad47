import { dashboardAuditLog } from '@edge/drizzle/schema';
import type { Db } from '../../../lib/db';

/** Writes one dashboard audit row for an Automod step (raid mode on/off, a Discord refusal). */
export async function auditStep(db: Db, guildId: string, actorId: string | null, action: string, details: Record<string, unknown>): Promise<void> {
  await db.insert(dashboardAuditLog).values({ guildId, actorId, action, targetType: 'module', targetId: 'automod', details });
}
