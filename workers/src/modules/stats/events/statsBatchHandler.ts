import type { BatchHandler, ModuleEvent } from '../../../platform/ModuleDefinition';
import { guildHub } from '../../../platform/hub/guildHub';
import { StatsLedger } from '../hub/StatsLedger';

/**
 * The module's `batchHandler`. In the guild's hub (`ctx.local` set) it counts the events into
 * the hub's SQLite: no Postgres round trip; the hub's aligned flush moves the counts to
 * Postgres. Run elsewhere (the Worker's processing of events without a hub run, e.g. the
 * sweep), it hands each guild's events to that guild's hub, so counting stays in one place
 * and exactly once. A throw leaves the events unprocessed for a retry, which is safe: counting
 * is idempotent per event id.
 */
export const statsBatchHandler: BatchHandler = async (events, ctx) => {
  if (!ctx.local) {
    const byGuild = new Map<string, ModuleEvent[]>();
    for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
    await Promise.all([...byGuild].map(([guildId, list]) => guildHub(ctx.env, guildId).runBatch('stats', list)));
    return;
  }
  const started = Date.now();
  const res = StatsLedger.of(ctx.local).count(events);
  ctx.log.info('stats batch', { events: events.length, ...res, ms: Date.now() - started });
};
