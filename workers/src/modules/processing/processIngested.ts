import type { Context } from 'hono';
import type { StoredEvent } from '../../ingest/storeBatch';
import { withDb } from '../../lib/db';
import { discordCache } from '../../lib/discordCache';
import { getRedis } from '../../lib/redis';
import type { AppEnv } from '../../types';
import { processStoredEvents } from './processStoredEvents';

/**
 * The ingest's `onStored` hook: runs in `waitUntil` after the shard got its ack, with one
 * pool for the whole batch. Whatever fails here stays unprocessed for the cron sweep.
 */
export async function processIngested(events: StoredEvent[], c: Context<AppEnv>): Promise<void> {
  const appConfig = c.get('config');
  await discordCache.forgetChanged(getRedis(appConfig), events);
  const result = await withDb(appConfig, (db) => processStoredEvents(events, { env: c.env, appConfig, db, log: c.get('log') }));
  c.get('log').info('ingest processed', { processed: result.processed, failed: result.failed.length });
}
