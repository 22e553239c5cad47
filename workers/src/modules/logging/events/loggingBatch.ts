import type { BatchHandler, ModuleEvent } from '../../ModuleDefinition';
import type { LoggingConfig } from '../config';
import { deliverEntries } from '../delivery/deliverEntries';
import type { LogEntry } from '../LogEntry';
import { renderEvent } from './renderEvent';

/** Whether the config's ignore lists drop this entry. */
export function ignored(c: LoggingConfig, e: LogEntry): boolean {
  if (e.sourceChannelId && c.ignore.channels.includes(e.sourceChannelId)) return true;
  if (c.ignore.bots && e.subject?.bot) return true;
  return !!e.subject?.roles?.some((r) => c.ignore.roles.includes(r));
}

/**
 * The batch's events as log entries, per guild and log channel, in arrival order, then
 * posted together: a burst of events becomes a few webhook messages.
 */
export const loggingBatch: BatchHandler = async (events, ctx) => {
  const byGuild = new Map<string, ModuleEvent[]>();
  for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
  for (const [guildId, list] of byGuild) {
    const byChannel = new Map<string, LogEntry[]>();
    for (const e of list) {
      const config = e.config as LoggingConfig;
      const entry = renderEvent(e, new Map());
      if (!entry || ignored(config, entry)) continue;
      const target = config.routes[entry.kind];
      if (!target) continue;
      (byChannel.get(target) ?? byChannel.set(target, []).get(target)!).push(entry);
    }
    if (byChannel.size) await deliverEntries(guildId, byChannel, ctx);
  }
};
