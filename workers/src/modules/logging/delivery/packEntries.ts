import type { APIEmbed } from 'discord-api-types/v10';
import type { LogEntry, LogFile } from '../LogEntry';

/** One webhook message: up to 10 embeds and 10 files, the ids of the events it carries. */
export interface LogMessage {
  embeds: APIEmbed[];
  eventIds: string[];
  files: LogFile[];
}

const MAX_EMBEDS = 10;
/** Discord takes 10 files per message. */
const MAX_FILES = 10;
/** Files of one message together stay well under Discord's smallest upload limit (10 MiB). */
const MAX_FILE_BYTES = 8_000_000;
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
 * then embeds fill messages of 10 (files, a bulk delete's transcript, ride with their embed).
 * A burst of 1,000 deletions is a handful of messages.
 */
export function packEntries(entries: LogEntry[]): LogMessage[] {
  const items: { embed: APIEmbed; eventIds: string[]; file?: LogFile }[] = [];
  const open = new Map<string, { embed: APIEmbed; eventIds: string[]; count: number }>();
  for (const e of entries) {
    if (!e.group) {
      items.push({ embed: e.embed, eventIds: [e.eventId], file: e.file });
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
  let bytes = 0;
  for (const it of items) {
    const n = size(it.embed);
    const b = it.file ? it.file.data.length * 3 : 0;
    const full = !cur || cur.embeds.length >= MAX_EMBEDS || chars + n > MAX_CHARS || (it.file && (cur.files.length >= MAX_FILES || bytes + b > MAX_FILE_BYTES));
    if (full) {
      cur = { embeds: [], eventIds: [], files: [] };
      out.push(cur);
      chars = 0;
      bytes = 0;
    }
    cur!.embeds.push(it.embed);
    cur!.eventIds.push(...it.eventIds);
    if (it.file) cur!.files.push(it.file);
    chars += n;
    bytes += b;
  }
  return out;
}
