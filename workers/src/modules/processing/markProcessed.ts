import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db';
import type { FeedInput } from '../hub/feed';

/**
 * Closes a processing run in ONE statement: successes get `processed_at`, failures an attempt
 * and their error (the cron sweep retries them), and the run's `audit: true` feed items become
 * `dashboard_audit_log` rows in the same statement (so the errors an admin must see are
 * written exactly when the run is recorded).
 */
export async function markProcessed(db: Db, ids: string[], failed: Map<string, string>, feed: Map<string, FeedInput[]>): Promise<void> {
  const audit = [...feed].flatMap(([guildId, items]) => items.filter((i) => i.audit).map((i) => ({
    guild_id: guildId, action: i.kind, target_id: i.module,
    details: { level: i.level, summary: i.summary, eventId: i.eventId, ...i.details },
  })));
  if (ids.length === 0 && audit.length === 0) return;
  const rows = JSON.stringify(ids.map((id) => ({ id, err: failed.get(id) ?? null })));
  const auditCte = audit.length === 0 ? sql`` : sql`WITH audit AS (
      INSERT INTO dashboard_audit_log (guild_id, actor_id, action, target_type, target_id, details)
      SELECT a.guild_id, NULL, a.action, 'module', a.target_id, a.details
      FROM jsonb_to_recordset(${JSON.stringify(audit)}::jsonb) AS a(guild_id text, action text, target_id text, details jsonb)
    ) `;
  await db.execute(sql`${auditCte}
    UPDATE events SET attempts = events.attempts + 1, last_error = r.err,
      processed_at = CASE WHEN r.err IS NULL THEN now() ELSE NULL END
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, err text)
    WHERE events.event_id = r.id`);
}
