import { GatewayDispatchEvents as E, type APIAuditLogEntry } from 'discord-api-types/v10';
import type { ModuleEvent } from '../../../platform/ModuleDefinition';
import type { LogEntry } from '../LogEntry';
import { auditEntry } from './auditEntries';
import { memberJoinEntry, memberLeaveEntry } from './memberEntries';
import { bulkDeleteEntry } from './bulkDeleteEntry';
import { messageDeleteEntry, messageEditEntry, type KeptMessage } from './messageEntries';
import { voiceEntry } from './voiceEntry';

/** Message content kept for this batch's edits and deletions (by message id). */
export type KeptLookup = Map<string, KeptMessage>;

/** One gateway event as a log entry, or null when it is nothing to log. */
export function renderEvent(e: ModuleEvent, kept: KeptLookup): LogEntry | null {
  const d = e.payload as never;
  switch (e.type) {
    case E.MessageUpdate: return messageEditEntry(e.eventId, d, kept.get((d as { id: string }).id));
    case E.MessageDelete: return messageDeleteEntry(e.eventId, d, kept.get((d as { id: string }).id));
    case E.MessageDeleteBulk: return bulkDeleteEntry(e.eventId, d, kept, e.receivedAt);
    case E.GuildMemberAdd: return memberJoinEntry(e.eventId, d, e.receivedAt.getTime());
    case E.GuildMemberRemove: return memberLeaveEntry(e.eventId, d);
    case E.VoiceStateUpdate: return voiceEntry(e.eventId, d);
    case E.GuildAuditLogEntryCreate: return auditEntry(e.eventId, d as APIAuditLogEntry & { guild_id: string });
    default: return null;
  }
}
