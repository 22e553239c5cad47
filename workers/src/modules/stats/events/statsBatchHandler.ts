import type { BatchHandler } from '../../ModuleDefinition';
import type { StatsDb } from '../db';
import { processStatsBatch } from './processStatsBatch';

/**
 * The module's `batchHandler`: the processor hands it all of a batch's events of guilds
 * where Stats is on; one statement counts them. A throw leaves the events unprocessed for the
 * cron sweep, which is safe because counting is idempotent per event id.
 */
export const statsBatchHandler: BatchHandler = async (events, ctx) => {
  const started = Date.now();
  const res = await processStatsBatch(ctx.db as unknown as StatsDb, events);
  ctx.log.info('stats batch', { events: events.length, ...res, ms: Date.now() - started });
};
