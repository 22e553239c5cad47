import type { Context } from 'hono';
import type { StoredEvent } from '../../ingest/storeBatch';
import { withDb } from '../../lib/db';
import { discordCache } from '../../lib/discordCache';
import { getRedis } from '../../lib/redis';
import type { AppEnv } from '../../types';
import { guildHub } from '../hub/guildHub';
import { processStoredEvents, type ProcessResult } from './processStoredEvents';

/**
 * The ingest's `onStored` hook, in `waitUntil` after the shard got its ack: each guild's
 * events go to that guild's hub in ONE request (the hub runs the handlers on its own CPU
 * budget); the rare events without a guild are processed here. Whatever fails stays
 * unprocessed for the cron sweep.
 */
export async function processIngested(events: StoredEvent[], c: Context<AppEnv>): Promise<void> {
  const appConfig = c.get('config');
  const log = c.get('log');
  const byGuild = new Map<string, StoredEvent[]>();
  const loose: StoredEvent[] = [];
  for (const e of events) {
    if (e.guildId) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
    else loose.push(e);
  }
  const runs: Promise<ProcessResult>[] = [...byGuild].map(async ([guildId, list]) => guildHub(c.env, guildId).processEvents(list));
  if (loose.length > 0) runs.push(withDb(appConfig, (db) => processStoredEvents(loose, { env: c.env, appConfig, db, log })));
  const [, ...results] = await Promise.allSettled([discordCache.forgetChanged(getRedis(appConfig), events), ...runs]);
  let processed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') {
      processed += r.value.processed;
      failed += r.value.failed.length;
    } else log.warn('ingest processing failed; the sweep retries', { error: (r.reason as Error).message });
  }
  log.info('ingest processed', { processed, failed, guilds: byGuild.size });
}
