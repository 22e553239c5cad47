import type { ScheduledContext } from '../../ModuleDefinition';
import type { StatsDb } from '../db';
import { runStatsRetention } from './runStatsRetention';

/** The module's cron hook: applies every guild's retention (one statement). */
export async function statsScheduled(ctx: ScheduledContext): Promise<void> {
  const deleted = await runStatsRetention(ctx.db as unknown as StatsDb, ctx.now);
  ctx.log.info('stats retention', { ...deleted });
}
