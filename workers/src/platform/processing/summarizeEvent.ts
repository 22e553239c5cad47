import type { FeedInput } from '../hub/feed';
import type { ProcessableEvent } from './ProcessableEvent';

type User = { id?: string; username?: string };

/**
 * A one-line feed summary of an event for the dashboard's live feed, or null for events not
 * worth a line. Never includes message content (ARCHITECTURE: no member content in logs/feeds).
 */
export function summarizeEvent(e: ProcessableEvent): FeedInput | null {
  const d = (e.payload ?? {}) as Record<string, unknown>;
  const user = (d.user ?? d.author ?? d.member) as User | undefined;
  const name = user?.username ?? 'someone';
  const base = { module: 'system', level: 'info' as const, eventId: e.eventId };
  switch (e.type) {
    case 'GUILD_MEMBER_ADD':
      return { ...base, kind: 'member.join', summary: `${name} joined`, details: { userId: user?.id } };
    case 'GUILD_MEMBER_REMOVE':
      return { ...base, kind: 'member.leave', summary: `${name} left`, details: { userId: user?.id } };
    case 'MESSAGE_CREATE':
      return { ...base, kind: 'message', transient: true, summary: `${name} posted in <#${String(d.channel_id)}>`, details: { channelId: d.channel_id } };
    case 'GUILD_UPDATE':
      return { ...base, kind: 'guild.update', summary: 'Server settings changed' };
    case 'GUILD_BAN_ADD':
      return { ...base, kind: 'member.ban', summary: `${name} was banned` };
    default:
      return null;
  }
}
