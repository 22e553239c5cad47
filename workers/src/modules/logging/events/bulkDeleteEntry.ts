import type { GatewayMessageDeleteBulkDispatchData } from 'discord-api-types/v10';
import { COLORS, type LogEntry } from '../LogEntry';
import type { KeptMessage } from './messageEntries';

const DISCORD_EPOCH = 1_420_070_400_000;
const timeOf = (id: string) => new Date(Number(BigInt(id) >> 22n) + DISCORD_EPOCH);
const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/**
 * The transcript of a bulk delete as a text file: one line per message in the order they were
 * sent, with time, author and text as kept, or the id when the content was not kept (older than
 * the retention, or sent before Logging was on).
 */
export function bulkTranscript(d: GatewayMessageDeleteBulkDispatchData, kept: Map<string, KeptMessage>, at: Date): string {
  const ids = [...d.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const head = `${d.ids.length} messages deleted in bulk in channel ${d.channel_id} at ${stamp(at)} UTC (${ids.filter((id) => kept.has(id)).length} kept)`;
  const lines = ids.map((id) => {
    const m = kept.get(id);
    return m ? `[${stamp(timeOf(id))}] ${m.authorName} (${m.authorId}): ${m.content.replace(/\r?\n/g, '\n    ')}` : `[${stamp(timeOf(id))}] message ${id}: content not kept`;
  });
  return `${head}\n\n${lines.join('\n')}\n`;
}

/**
 * MESSAGE_DELETE_BULK (a `/purge`, another bot's clean-up, a ban deleting messages) → a summary
 * embed with the full transcript attached as a file (a few hundred messages do not fit an embed).
 */
export function bulkDeleteEntry(eventId: string, d: GatewayMessageDeleteBulkDispatchData, kept: Map<string, KeptMessage>, at = new Date()): LogEntry {
  const count = d.ids.filter((id) => kept.has(id)).length;
  const name = `bulk-delete-${d.channel_id}-${at.getTime()}.txt`;
  return {
    kind: 'messageBulkDelete',
    eventId,
    sourceChannelId: d.channel_id,
    embed: {
      color: COLORS.remove,
      title: `${d.ids.length} messages purged`,
      description: `In <#${d.channel_id}> · transcript attached (${name})`,
      footer: { text: `${count} of ${d.ids.length} kept` },
    },
    file: { name, data: bulkTranscript(d, kept, at) },
  };
}
