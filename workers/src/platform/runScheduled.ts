import { readConfig, type Env } from '../env';
import { lazyDb } from '../lib/db';
import { createLogger } from '@edge/shared/log';
import type { JobQueue } from '../jobs/types';
import { moduleJobs, qstashQueue } from './ModuleServices';
import { createRest } from './processing/createRest';
import { registry } from './registry';
import { errorFields } from '../lib/errorFields';

/**
 * The Worker's cron (`scheduled()`, hourly): runs each module's `scheduled` hook (retention,
 * rollups). A failing hook does not stop the others. Event delivery, its retries and the
 * pruning of raw events belong to the EventInbox's alarm, and `once` claims live (and expire)
 * in each guild's hub, so the cron itself has nothing to sweep: the database is opened only if
 * a hook uses it, and a deployment without such hooks lets Neon sleep.
 */
export async function runScheduled(env: Env, now = new Date()): Promise<void> {
  const log = createLogger({ cron: now.toISOString() });
  const config = readConfig(env);
  if (!config.ok) {
    log.error('cron skipped: worker misconfigured', { problems: config.problems });
    return;
  }
  const db = lazyDb(config.config);
  try {
    const rest = createRest(config.config);
    let queue: JobQueue | undefined;
    for (const def of registry.all()) {
      if (!def.scheduled) continue;
      try {
        const jobs = moduleJobs(() => (queue ??= qstashQueue(config.config)), { moduleId: def.id, guildId: undefined, requestId: `cron:${now.toISOString()}` });
        await def.scheduled({ env, appConfig: config.config, db: db.db, log: log.child({ moduleId: def.id }), now, rest, jobs });
      } catch (err) {
        log.error('module cron failed', { moduleId: def.id, ...errorFields(err) });
      }
    }
  } finally {
    await db.end();
  }
}
