import { Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { JobHandler } from '../../../jobs/types';
import { schedulerStore, type Reminder } from '../data/schedulerStore';
import { schedulerServices, type SchedulerServices } from '../schedulerServices';
import { EARLY_TOLERANCE_MS, hopTo } from './hop';

/** The job that sends one reminder. */
export const REMIND_JOB = 'scheduler.remind';

/** Schedules a reminder's delivery at its time (or a hop towards it). */
export async function scheduleReminder(s: SchedulerServices, r: Pick<Reminder, 'id' | 'dueAt'>, now = Date.now()): Promise<void> {
  const at = hopTo(Date.parse(r.dueAt), now);
  await s.jobs.schedule(REMIND_JOB, { reminderId: r.id }, { at }, { key: `remind-${r.id}-${at.getTime()}` });
}

/**
 * Sends a reminder in the channel where it was set, mentioning its member (only them), once:
 * the delivery claim makes a second delivery a no-op; a deleted reminder is skipped.
 */
export async function deliverReminder(s: SchedulerServices, reminderId: number, now = Date.now()): Promise<'sent' | 'hopped' | 'gone' | 'duplicate'> {
  const r = await schedulerStore.reminder(s.db, s.guildId, reminderId);
  if (!r || r.delivered) return 'gone';
  const due = Date.parse(r.dueAt);
  if (due > now + EARLY_TOLERANCE_MS) {
    await scheduleReminder(s, r, now);
    return 'hopped';
  }
  const ref = `reminder:${r.id}`;
  const dueAt = new Date(due);
  if (!(await schedulerStore.claim(s.db, s.guildId, ref, dueAt))) return 'duplicate';
  try {
    const body = { content: `⏰ <@${r.userId}>, you asked me to remind you: ${r.text}`, allowed_mentions: { users: [r.userId] } };
    const msg = await discordCall<{ id: string }>(() => s.rest.post(Routes.channelMessages(r.channelId), { body }));
    await Promise.all([schedulerStore.markReminderDelivered(s.db, r.id), schedulerStore.recordMessage(s.db, s.guildId, ref, dueAt, msg.id)]);
  } catch (err) {
    await schedulerStore.release(s.db, s.guildId, ref, dueAt);
    throw err;
  }
  return 'sent';
}

/** The `scheduler.remind` job. */
export const reminderJob: JobHandler = {
  name: REMIND_JOB,
  async run(payload, ctx) {
    const { reminderId } = payload as { reminderId: number };
    const outcome = await deliverReminder(schedulerServices(ctx), reminderId);
    ctx.log.info('reminder', { guildId: ctx.guildId, reminderId, outcome });
  },
};
