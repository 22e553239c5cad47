import type { Context } from 'hono';
import { dashboardAuditLog } from '@edge/drizzle/schema';
import type { AuthEnv } from '../auth/AuthEnv';
import { toStorable } from '../lib/safeInput';

/** One dashboard action to record. */
export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** What changed; never a token or message content. */
  details?: Record<string, unknown>;
}

/** Records who did what from the dashboard (table `dashboard_audit_log`), tied to the request id. */
export async function audit(c: Context<AuthEnv>, guildId: string, entry: AuditEntry): Promise<void> {
  await c.var.db().insert(dashboardAuditLog).values({
    guildId,
    actorId: c.var.user.id,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    // Recorded after the effect happened, so it must not fail on the text it records.
    details: entry.details ? toStorable(entry.details) : null,
    requestId: c.var.requestId,
  });
}
