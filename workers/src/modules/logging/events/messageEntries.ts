import type { GatewayMessageDeleteDispatchData, GatewayMessageUpdateDispatchData } from 'discord-api-types/v10';
import { clip, COLORS, escape, type LogEntry, who } from '../LogEntry';

/** What the content store remembers of a message (see `content/ContentStore.ts`). */
export interface KeptMessage {
  authorId: string;
  authorName: string;
  content: string;
  createdAt: number;
}

const quote = (s: string) => (s ? clip(escape(s), 1000) : '*(no text)*');

/** MESSAGE_UPDATE → an edit entry (before when kept, after); unfurls and webhook posts are skipped. */
export function messageEditEntry(eventId: string, d: GatewayMessageUpdateDispatchData, before: KeptMessage | undefined): LogEntry | null {
  if (!d.edited_timestamp || d.webhook_id || d.content === undefined) return null;
  if (before && before.content === d.content) return null;
  const link = `https://discord.com/channels/${d.guild_id}/${d.channel_id}/${d.id}`;
  return {
    kind: 'messageEdit',
    eventId,
    sourceChannelId: d.channel_id,
    subject: { bot: d.author?.bot, roles: d.member?.roles },
    embed: {
      color: COLORS.change,
      title: 'Message edited',
      description: `${who(d.author)} in <#${d.channel_id}> · [jump](${link})`,
      fields: [
        { name: 'Before', value: before ? quote(before.content) : '*(not kept: older than the retention, or sent before logging was on)*' },
        { name: 'After', value: quote(d.content) },
      ],
      timestamp: d.edited_timestamp,
    },
  };
}

/** MESSAGE_DELETE → one line of a per-channel group (the message as it was, when kept). */
export function messageDeleteEntry(eventId: string, d: GatewayMessageDeleteDispatchData, kept: KeptMessage | undefined): LogEntry {
  const line = kept
    ? `**${escape(kept.authorName)}** (<@${kept.authorId}>): ${clip(escape(kept.content.replace(/\s+/g, ' ')), 300) || '*(no text)*'}`
    : `\`${d.id}\``;
  return {
    kind: 'messageDelete',
    eventId,
    sourceChannelId: d.channel_id,
    embed: { color: COLORS.remove, title: 'Message deleted', description: `In <#${d.channel_id}>\n${line}` },
    group: { key: `del:${d.channel_id}:${kept ? 'kept' : 'ids'}`, head: `In <#${d.channel_id}>${kept ? '' : ' (content not kept)'}:`, title: 'Messages deleted', line },
  };
}
