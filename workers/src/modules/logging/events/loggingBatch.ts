import { GatewayDispatchEvents as E, type GatewayMessageCreateDispatchData, type GatewayMessageUpdateDispatchData } from 'discord-api-types/v10';
import type { LocalStore } from '../../../platform/LocalStore';
import type { BatchHandler, ModuleEvent } from '../../../platform/ModuleDefinition';
import type { LoggingConfig } from '../config';
import { contentStore } from '../content/contentStore';
import type { KeptVersion } from '../content/sliceStore';
import { deliverEntries } from '../delivery/deliverEntries';
import type { LogEntry } from '../LogEntry';
import type { KeptMessage } from './messageEntries';
import { renderEvent } from './renderEvent';

/** Whether the config's ignore lists drop this entry. */
export function ignored(c: LoggingConfig, e: LogEntry): boolean {
  if (e.sourceChannelId && c.ignore.channels.includes(e.sourceChannelId)) return true;
  if (c.ignore.bots && e.subject?.bot) return true;
  return !!e.subject?.roles?.some((r) => c.ignore.roles.includes(r));
}

const messageIds = (e: ModuleEvent): string[] => {
  const d = e.payload as { id?: string; ids?: string[] };
  if (e.type === E.MessageDeleteBulk) return d.ids ?? [];
  return (e.type === E.MessageUpdate || e.type === E.MessageDelete) && d.id ? [d.id] : [];
};

/** A message version worth keeping: a member's text, not a webhook's, not in an ignored channel or from an ignored member. */
function keepable(c: LoggingConfig, d: GatewayMessageCreateDispatchData | GatewayMessageUpdateDispatchData, now: number): KeptVersion | null {
  if (!d.author || d.webhook_id || typeof d.content !== 'string') return null;
  if (ignored(c, { kind: 'messageDelete', eventId: '', sourceChannelId: d.channel_id, subject: { bot: d.author.bot, roles: d.member?.roles }, embed: {} })) return null;
  const createdAt = Date.parse(d.timestamp ?? '') || now;
  // Versions of one message are ordered by their edit time (a new message: its own time).
  const version = Date.parse((d as GatewayMessageUpdateDispatchData).edited_timestamp ?? '') || createdAt;
  return { id: d.id, authorId: d.author.id, authorName: d.author.global_name || d.author.username || d.author.id, content: d.content, createdAt, version };
}

/**
 * The content kept for the batch's edits and deletions (hub-local SQLite), then, once the batch
 * is logged, its new messages and edits kept as ONE row for the slice, for the configured
 * retention (see `content/sliceStore.ts`: Durable Object SQLite bills rows written).
 */
function withKeptContent(local: LocalStore | undefined, list: ModuleEvent[], config: LoggingConfig, now: number) {
  const none = { kept: new Map<string, KeptMessage>(), save: () => {}, enabled: false };
  if (!local) return none;
  if (config.contentRetentionHours === 0) {
    contentStore.clear(local);
    return none;
  }
  const retentionMs = config.contentRetentionHours * 3_600_000;
  const kept = contentStore.get(local, list.flatMap(messageIds), now, retentionMs);
  const save = () => {
    const deleted = new Set(list.filter((e) => e.type === E.MessageDelete || e.type === E.MessageDeleteBulk).flatMap(messageIds));
    const versions = list
      .filter((e) => e.type === E.MessageCreate || e.type === E.MessageUpdate)
      .map((e) => keepable(config, e.payload as GatewayMessageCreateDispatchData, now))
      .filter((m): m is KeptVersion => !!m && !deleted.has(m.id));
    contentStore.setRetention(local, retentionMs);
    contentStore.keep(local, versions);
    contentStore.prune(local, now, retentionMs);
  };
  return { kept, save, enabled: true };
}

/**
 * The batch's events as log entries, per guild and log channel, in arrival order, then
 * posted together: a burst of events becomes a few webhook messages.
 */
export const loggingBatch: BatchHandler = async (events, ctx) => {
  const byGuild = new Map<string, ModuleEvent[]>();
  for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
  for (const [guildId, list] of byGuild) {
    const config = list[0]!.config as LoggingConfig;
    const content = withKeptContent(ctx.local, list, config, Date.now());
    const byChannel = new Map<string, LogEntry[]>();
    for (const e of list) {
      const entry = renderEvent(e, content.kept);
      // Later events of the batch see this message (or this edit of it) as its content.
      if ((e.type === E.MessageCreate || e.type === E.MessageUpdate) && content.enabled) {
        const m = keepable(config, e.payload as GatewayMessageCreateDispatchData, Date.now());
        if (m) content.kept.set(m.id, m);
      }
      if (!entry || ignored(e.config as LoggingConfig, entry)) continue;
      const target = (e.config as LoggingConfig).routes[entry.kind];
      if (!target) continue;
      (byChannel.get(target) ?? byChannel.set(target, []).get(target)!).push(entry);
    }
    if (byChannel.size) await deliverEntries(guildId, byChannel, ctx);
    // After delivery: a retried batch still finds what it must show.
    content.save();
  }
};
