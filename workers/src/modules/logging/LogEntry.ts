import type { APIEmbed } from 'discord-api-types/v10';
import type { LogKind } from './config';

/** One thing to log, rendered; routed by `kind` to the configured channel. */
export interface LogEntry {
  kind: LogKind;
  /** The event it came from (claims of a delivered chunk are keyed by its first entry). */
  eventId: string;
  /** Where it happened (for the ignored-channels list). */
  sourceChannelId?: string | null;
  /** Who it is about (for the bots and ignored-roles lists). */
  subject?: { bot?: boolean; roles?: string[] };
  embed: APIEmbed;
  /**
   * Entries with the same group key are merged into one embed (title, then one line each):
   * a purge of 1,000 messages becomes a few embeds, not 1,000.
   */
  group?: { key: string; title: string; head?: string; line: string };
  /** A text file posted with the entry's message (a bulk delete's transcript). */
  file?: LogFile;
}

/** A file attached to a log message. */
export interface LogFile {
  name: string;
  data: string;
}

/** Embed colours per tone. */
export const COLORS = { add: 0x57f287, remove: 0xed4245, change: 0xfee75c, info: 0x5865f2 } as const;

/** A user as "**name** (<@id>)": Discord shows the mention as the member's current name. */
export function who(u: { id: string; username?: string; global_name?: string | null } | null | undefined): string {
  if (!u) return 'someone';
  const name = u.global_name || u.username;
  return name ? `**${escape(name)}** (<@${u.id}>)` : `<@${u.id}>`;
}

/** Escapes Discord markdown in names and quoted text. */
export function escape(s: string): string {
  return s.replace(/([\\*_~`|>])/g, '\\$1');
}

/** Text cut to `max` characters with an ellipsis (embed fields hold 1,024). */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
