import { sql } from 'drizzle-orm';
import { readConfig, type Env } from '../env';
import { withDb } from '../lib/db';
import { createLogger } from '../lib/log';
import type { JobQueue } from '../jobs/types';
import { moduleJobs, qstashQueue } from '../platform/ModuleServices';
import { createRest } from './processing/createRest';
import { pruneEvents } from './processing/pruneEvents';
import { sweepUnprocessed } from './processing/sweep';
import { registry } from './registry';
import { errorFields } from '../lib/errorFields';

/**
 * The Worker's cron (`scheduled()`, hourly): sweeps unprocessed events, trims old idempotency
 * claims, prunes processed raw events past their retention,
 * then runs each module's `scheduled` hook (retention, rollups). A failing hook does not stop
 * the others.
 */
export async function runScheduled(env: Env, now = new Date()): Promise<void> {
  const log = createLogger({ cron: now.toISOString() });
  const config = readConfig(env);
  if (!config.ok) {
    log.error('cron skipped: worker misconfigured', { problems: config.problems });
    return;
  }
  await withDb(config.config, async (db) => {
    try {
      await sweepUnprocessed({ env, appConfig: config.config, db, log });
      // Claims only matter while an event may still be retried (5 attempts over minutes).
      await db.execute(sql`DELETE FROM module_effects WHERE created_at < now() - interval '30 days'`);
      await pruneEvents(db, config.config.EVENTS_RETENTION_HOURS);
    } catch (err) {
      log.error('ingest sweep failed', { ...errorFields(err) });
    }
    const rest = createRest(config.config);
    let queue: JobQueue | undefined;
    for (const def of registry.all()) {
      if (!def.scheduled) continue;
      try {
        const jobs = moduleJobs(() => (queue ??= qstashQueue(config.config)), { moduleId: def.id, guildId: undefined, requestId: `cron:${now.toISOString()}` });
        await def.scheduled({ env, appConfig: config.config, db, log: log.child({ moduleId: def.id }), now, rest, jobs });
      } catch (err) {
        log.error('module cron failed', { moduleId: def.id, ...errorFields(err) });
      }
    }
  });
}
