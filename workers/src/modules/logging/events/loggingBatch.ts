import { GatewayDispatchEvents as E, type GatewayMessageUpdateDispatchData } from 'discord-api-types/v10';
import type { LocalStore } from '../../../platform/LocalStore';
import type { BatchHandler, ModuleEvent } from '../../../platform/ModuleDefinition';
import type { LoggingConfig } from '../config';
import { contentStore } from '../content/contentStore';
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

/**
 * The content kept for the batch's edits and deletions (hub-local SQLite), then the batch's
 * new message versions kept for the configured retention, and deleted messages forgotten.
 */
function withKeptContent(local: LocalStore | undefined, list: ModuleEvent[], config: LoggingConfig, now: number) {
  const none = { kept: new Map<string, KeptMessage>(), save: () => {}, enabled: false };
  if (!local) return none;
  if (config.contentRetentionHours === 0) {
    contentStore.clear(local);
    return none;
  }
  const kept = contentStore.get(local, list.flatMap(messageIds), now);
  const save = () => {
    const rows = list
      .filter((e) => e.type === E.MessageUpdate)
      .map((e) => e.payload as GatewayMessageUpdateDispatchData)
      .filter((d) => d.author && !d.webhook_id && typeof d.content === 'string')
      .map((d) => ({ id: d.id, authorId: d.author.id, authorName: d.author.global_name || d.author.username, content: d.content, createdAt: Date.parse(d.timestamp ?? '') || now }));
    contentStore.keep(local, rows, now + config.contentRetentionHours * 3_600_000);
    contentStore.forget(local, list.filter((e) => e.type !== E.MessageUpdate).flatMap(messageIds));
    contentStore.prune(local, now);
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
      // Later events of the batch see this edit as the message's content.
      if (e.type === E.MessageUpdate && content.enabled) {
        const d = e.payload as GatewayMessageUpdateDispatchData;
        if (d.author && typeof d.content === 'string') content.kept.set(d.id, { authorId: d.author.id, authorName: d.author.global_name || d.author.username, content: d.content, createdAt: Date.now() });
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
