import type { APIEmbed } from 'discord-api-types/v10';
import type { LogEntry } from '../LogEntry';

/** One webhook message: up to 10 embeds, the ids of the events it carries. */
export interface LogMessage {
  embeds: APIEmbed[];
  eventIds: string[];
}

const MAX_EMBEDS = 10;
/** Discord caps a message's embeds at 6,000 characters together; keep a margin. */
const MAX_CHARS = 5_800;
/** Grouped embeds stay small enough that three fit in one message. */
const MAX_DESCRIPTION = 1_900;

function size(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/**
 * Packs one log channel's entries, in order, into as few webhook messages as Discord allows:
 * grouped entries (deletions in a channel, voice moves) become one embed of lines each,
 * then embeds fill messages of 10. A burst of 1,000 deletions is a handful of messages.
 */
export function packEntries(entries: LogEntry[]): LogMessage[] {
  const items: { embed: APIEmbed; eventIds: string[] }[] = [];
  const open = new Map<string, { embed: APIEmbed; eventIds: string[]; count: number }>();
  for (const e of entries) {
    if (!e.group) {
      items.push({ embed: e.embed, eventIds: [e.eventId] });
      continue;
    }
    const cur = open.get(e.group.key);
    if (cur && (cur.embed.description!.length + e.group.line.length + 1) <= MAX_DESCRIPTION) {
      cur.embed.description += `\n${e.group.line}`;
      cur.eventIds.push(e.eventId);
      cur.count++;
      cur.embed.footer = { text: `${cur.count} entries` };
      continue;
    }
    const fresh = { embed: { ...e.embed, title: e.group.title, description: e.group.head ? `${e.group.head}\n${e.group.line}` : e.group.line }, eventIds: [e.eventId], count: 1 };
    open.set(e.group.key, fresh);
    items.push(fresh);
  }
  const out: LogMessage[] = [];
  let cur: LogMessage | null = null;
  let chars = 0;
  for (const it of items) {
    const n = size(it.embed);
    if (!cur || cur.embeds.length >= MAX_EMBEDS || chars + n > MAX_CHARS) {
      cur = { embeds: [], eventIds: [] };
      out.push(cur);
      chars = 0;
    }
    cur.embeds.push(it.embed);
    cur.eventIds.push(...it.eventIds);
    chars += n;
  }
  return out;
}
