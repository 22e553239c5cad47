import type { Config } from '../env';
import { createDb, type Db } from '../lib/db';
import { errorFields } from '../lib/errorFields';
import type { Logger } from '@edge/shared/log';
import type { FlushOutcome } from './ModuleDefinition';
import type { ModuleRegistry } from './registry';
import type { LocalStore } from './LocalStore';

/** What {@link flushModules} did: each module's outcome, and the modules whose flush threw. */
export interface FlushReport {
  outcomes: Record<string, FlushOutcome>;
  failed: string[];
}

/**
 * Runs the `flush` of every module that has one (enabled or not: a module turned off still
 * owes what it counted) on one lazily opened Postgres: when nothing is pending, no connection
 * is opened and Neon stays asleep. One module's failure does not stop the others.
 */
export async function flushModules(
  registry: ModuleRegistry,
  input: { guildId: string; local: LocalStore; appConfig: Config; log: Logger; now: Date },
): Promise<FlushReport> {
  let opened: ReturnType<typeof createDb> | undefined;
  const open = (): Db => (opened ??= createDb(input.appConfig)).db;
  const report: FlushReport = { outcomes: {}, failed: [] };
  try {
    for (const def of registry.all()) {
      if (!def.flush) continue;
      const log = input.log.child({ moduleId: def.id });
      try {
        report.outcomes[def.id] = await def.flush({ guildId: input.guildId, local: input.local, log, now: input.now, appConfig: input.appConfig, get db() { return open(); } });
      } catch (err) {
        log.warn('module flush failed; its data stays in the hub for the next try', { ...errorFields(err) });
        report.failed.push(def.id);
      }
    }
  } finally {
    await opened?.pool.end().catch(() => {});
  }
  return report;
}
