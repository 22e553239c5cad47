import { AuditLogEvent, type APIAuditLogChange, type APIAuditLogEntry, type APIEmbed } from 'discord-api-types/v10';
import type { LogKind } from '../config';
import { clip, COLORS, escape, type LogEntry } from '../LogEntry';

type Entry = APIAuditLogEntry & { guild_id: string };

const by = (e: Entry) => (e.user_id ? `by <@${e.user_id}>` : 'by someone');
const reason = (e: Entry): APIEmbed['fields'] => (e.reason ? [{ name: 'Reason', value: clip(escape(e.reason), 1000) }] : []);
const show = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : clip(escape(typeof v === 'string' ? v : JSON.stringify(v)), 200));
const ids = (v: unknown, fmt: (id: string) => string) => (Array.isArray(v) ? v.map((r: { id?: string; name?: string }) => (r.id ? fmt(r.id) : escape(String(r.name)))).join(', ') : '');

/** The changes of an entry as "key: before → after" lines (roles and timeouts in words). */
function changeLines(changes: APIAuditLogChange[] | undefined): string[] {
  const out: string[] = [];
  for (const c of changes ?? []) {
    const k = c.key as string;
    if (k === '$add') out.push(`➕ roles ${ids(c.new_value, (id) => `<@&${id}>`)}`);
    else if (k === '$remove') out.push(`➖ roles ${ids(c.new_value, (id) => `<@&${id}>`)}`);
    else if (k === 'communication_disabled_until') out.push(c.new_value ? `⏳ timed out until <t:${Math.floor(Date.parse(String(c.new_value)) / 1000)}:f>` : '✅ timeout lifted');
    else if (k === 'nick') out.push(`nickname: ${show(c.old_value)} → ${show(c.new_value)}`);
    else if (k === 'permission_overwrites' || k === 'permissions') out.push(`${k.replace('_', ' ')} changed`);
    else out.push(`${k.replace(/_/g, ' ')}: ${show(c.old_value)} → ${show(c.new_value)}`);
  }
  return out;
}

const nameOf = (e: Entry) => {
  const n = e.changes?.find((c) => c.key === 'name');
  return (n?.new_value ?? n?.old_value) as string | undefined;
};

/**
 * GUILD_AUDIT_LOG_ENTRY_CREATE → member updates (nickname, roles, timeout), bans, unbans, kicks,
 * role and channel create/update/delete, with the moderator and the reason. The audit log
 * carries before and after, which the gateway's update events do not.
 */
export function auditEntry(eventId: string, e: Entry): LogEntry | null {
  const target = e.target_id ?? '';
  const make = (kind: LogKind, color: number, title: string, description: string, lines: string[] = []): LogEntry => ({
    kind,
    eventId,
    embed: { color, title, description: clip([description, ...lines].join('\n'), 4000), fields: reason(e) },
  });
  switch (e.action_type) {
    case AuditLogEvent.MemberUpdate:
    case AuditLogEvent.MemberRoleUpdate: {
      const lines = changeLines(e.changes).filter((l) => !l.includes('deaf') && !l.includes('mute'));
      return lines.length ? make('memberUpdate', COLORS.change, 'Member updated', `<@${target}> ${by(e)}`, lines) : null;
    }
    case AuditLogEvent.MemberKick: return make('memberLeave', COLORS.remove, 'Member kicked', `<@${target}> ${by(e)}`);
    case AuditLogEvent.MemberBanAdd: return make('bans', COLORS.remove, 'Member banned', `<@${target}> ${by(e)}`);
    case AuditLogEvent.MemberBanRemove: return make('bans', COLORS.add, 'Member unbanned', `<@${target}> ${by(e)}`);
    case AuditLogEvent.RoleCreate: return make('roles', COLORS.add, 'Role created', `<@&${target}> **${escape(nameOf(e) ?? '')}** ${by(e)}`);
    case AuditLogEvent.RoleUpdate: return make('roles', COLORS.change, 'Role updated', `<@&${target}> ${by(e)}`, changeLines(e.changes));
    case AuditLogEvent.RoleDelete: return make('roles', COLORS.remove, 'Role deleted', `**${escape(nameOf(e) ?? target)}** ${by(e)}`);
    case AuditLogEvent.ChannelCreate: return make('channels', COLORS.add, 'Channel created', `<#${target}> **${escape(nameOf(e) ?? '')}** ${by(e)}`);
    case AuditLogEvent.ChannelUpdate:
    case AuditLogEvent.ChannelOverwriteCreate:
    case AuditLogEvent.ChannelOverwriteUpdate:
    case AuditLogEvent.ChannelOverwriteDelete:
      return make('channels', COLORS.change, 'Channel updated', `<#${target}> ${by(e)}`, e.action_type === AuditLogEvent.ChannelUpdate ? changeLines(e.changes) : ['permission overwrites changed']);
    case AuditLogEvent.ChannelDelete: return make('channels', COLORS.remove, 'Channel deleted', `**#${escape(nameOf(e) ?? target)}** ${by(e)}`);
    case AuditLogEvent.ThreadCreate: return make('channels', COLORS.add, 'Thread created', `<#${target}> **${escape(nameOf(e) ?? '')}** ${by(e)}`);
    case AuditLogEvent.ThreadUpdate: return make('channels', COLORS.change, 'Thread updated', `<#${target}> ${by(e)}`, changeLines(e.changes));
    case AuditLogEvent.ThreadDelete: return make('channels', COLORS.remove, 'Thread deleted', `**${escape(nameOf(e) ?? target)}** ${by(e)}`);
    case AuditLogEvent.InviteCreate:
    case AuditLogEvent.InviteDelete: {
      const code = e.changes?.find((c) => c.key === 'code');
      const channel = e.changes?.find((c) => c.key === 'channel_id');
      const created = e.action_type === AuditLogEvent.InviteCreate;
      const where = channel ? ` to <#${String(channel.new_value ?? channel.old_value)}>` : '';
      return make('invites', created ? COLORS.add : COLORS.remove, created ? 'Invite created' : 'Invite deleted', `\`${show(code?.new_value ?? code?.old_value)}\`${where} ${by(e)}`);
    }
    default: return null;
  }
}
