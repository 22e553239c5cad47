import { errorFields } from '../../../lib/errorFields';
import type { JobHandler } from '../../../jobs/types';
import type { AutomodConfig } from '../config';
import type { AutomodDeps } from '../effects/AutomodDeps';
import { raidEvent } from './raidOps';

/** The job that ends raid mode after its quiet period in a guild where nothing else happens. */
export const RAID_CHECK_JOB = 'automod.raid-check';

/** Schedules the quiet-period check (a refusal is logged: the guild's next event checks too). */
export async function scheduleRaidCheck(d: AutomodDeps, c: AutomodConfig): Promise<void> {
  await d.jobs.schedule(RAID_CHECK_JOB, {}, { delay: c.raid.quietMinutes * 60 + 5 }).catch((err: unknown) => d.log.warn('automod raid check not scheduled', { guildId: d.guildId, ...errorFields(err) }));
}

/** Hands the check to the guild's hub, where raid mode lives (it ends it, or schedules the next check). */
export const raidCheckJob: JobHandler = {
  name: RAID_CHECK_JOB,
  async run(_payload, ctx) {
    if (!ctx.guildId || !ctx.hub) return;
    await ctx.hub.runBatch('automod', [raidEvent(ctx.guildId, { op: 'check', actorId: null }, ctx.config, ctx.plan)]);
  },
};
