import { errorFields } from '../../../lib/errorFields';
import { guildHub } from '../../../platform/hub/guildHub';
import type { ScheduledContext } from '../../../platform/ModuleDefinition';
import { cases } from '../data/cases';
import { moderationConfigSchema } from '../config';
import type { ModerationServices } from '../ModerationServices';
import { expireCase } from './expireCase';

/** A job gets this long past a case's end before the sweep steps in. */
const GRACE_MS = 5 * 60_000;
/** Cases per cron run (each one costs a few subrequests). */
const PER_RUN = 10;

/**
 * The cron's safety net (hourly): timed cases whose job never came (a publish that failed, a
 * message QStash dropped) are ended here, with the guild's config read from its hub, through
 * the same {@link expireCase} as the job. Returns how many it ended.
 */
export async function sweepOverdue(ctx: ScheduledContext): Promise<number> {
  const due = await cases.overdue(ctx.db, new Date(ctx.now.getTime() - GRACE_MS), PER_RUN);
  let ended = 0;
  for (const { guildId, number } of due) {
    try {
      const state = await guildHub(ctx.env, guildId).getState();
      const m: ModerationServices = {
        guildId, db: ctx.db, rest: ctx.rest, jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig,
        config: moderationConfigSchema.parse(state.modules.moderation?.config ?? {}), plan: state.plan,
      };
      if ((await expireCase(m, number, ctx.now.getTime())) === 'lifted') ended++;
    } catch (err) {
      ctx.log.warn('moderation sweep: case not ended', { guildId, case: number, ...errorFields(err) });
    }
  }
  if (due.length) ctx.log.info('moderation sweep', { due: due.length, ended });
  return ended;
}
