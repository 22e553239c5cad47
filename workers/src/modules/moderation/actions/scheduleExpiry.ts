import type { ModCase } from '../data/cases';
import type { ModerationServices } from '../ModerationServices';

/** Name of the job that ends a timed action (`jobs/expireCase.ts`). */
export const EXPIRE_JOB = 'moderation.expire';
/** Longest delay handed to QStash at once; a longer action is rescheduled by its job. */
export const MAX_JOB_DELAY_SECONDS = 7 * 86_400;

/**
 * Schedules the end of a timed case: at its expiry, or in a week when it ends later (the job
 * then schedules itself again). Deduplicated per case and time, so a retried command or job
 * schedules once. The cron sweep catches a job that was lost anyway.
 */
export async function scheduleExpiry(m: ModerationServices, c: Pick<ModCase, 'number' | 'expiresAt'>, now = Date.now()): Promise<void> {
  if (!c.expiresAt) return;
  // QStash counts in whole seconds: round up, never deliver before the end.
  const at = Math.ceil(Math.min(Date.parse(c.expiresAt), now + MAX_JOB_DELAY_SECONDS * 1000) / 1000) * 1000;
  await m.jobs.schedule(EXPIRE_JOB, { number: c.number }, { at: new Date(at) }, { key: `case-${c.number}-${at}` });
}
