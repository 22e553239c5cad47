import { GatewayDispatchEvents, type APIAuditLogChange, type APIAuditLogEntry, type AuditLogEvent } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';

/** Who did an action and why (the `X-Audit-Log-Reason` header). */
export interface AuditContext {
  actorId: string;
  reason?: string | null;
}

/** A new audit-log entry. */
export interface AuditInput extends AuditContext {
  action_type: AuditLogEvent;
  target_id?: string | null;
  changes?: { key: string; old_value?: unknown; new_value?: unknown }[];
  options?: Record<string, string>;
}

/** Keep the log bounded, as Discord keeps 45 days. */
const MAX_ENTRIES = 5_000;

/** Audit-log entries per guild; each one emits GUILD_AUDIT_LOG_ENTRY_CREATE. */
export class AuditLogStore {
  constructor(private readonly s: SimState) {}

  /** Records an entry, newest first, and emits it. */
  add(guildId: string, input: AuditInput): APIAuditLogEntry {
    const g = this.s.guild(guildId);
    const entry: APIAuditLogEntry = {
      id: this.s.snowflakes.next(),
      user_id: input.actorId,
      target_id: input.target_id ?? null,
      action_type: input.action_type,
      ...(input.changes?.length ? { changes: input.changes as APIAuditLogChange[] } : {}),
      ...(input.options ? { options: input.options } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    };
    g.auditLog.unshift(entry);
    if (g.auditLog.length > MAX_ENTRIES) g.auditLog.length = MAX_ENTRIES;
    this.s.dispatch(GatewayDispatchEvents.GuildAuditLogEntryCreate, { ...entry, guild_id: guildId }, guildId);
    return entry;
  }

  /** Entries newest first, filtered as `GET /guilds/{id}/audit-logs` does. */
  list(guildId: string, q: { userId?: string; actionType?: number; before?: string; after?: string; limit?: number } = {}): APIAuditLogEntry[] {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
    return this.s
      .guild(guildId)
      .auditLog.filter(
        (e) =>
          (!q.userId || e.user_id === q.userId) &&
          (q.actionType === undefined || e.action_type === q.actionType) &&
          (!q.before || BigInt(e.id) < BigInt(q.before)) &&
          (!q.after || BigInt(e.id) > BigInt(q.after)),
      )
      .slice(0, limit);
  }
}
