import { Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { JobHandler } from '../../../jobs/types';
import { schedulerStore } from '../data/schedulerStore';
import { isDue, nextDue } from '../occurrences';
import { postBody } from '../postBody';
import { hasRoom, readQuota } from '../quota';
import { schedulerServices, type SchedulerServices } from '../schedulerServices';
import { EARLY_TOLERANCE_MS, hopTo } from './hop';

/** The job that posts one occurrence of a scheduled post. */
export const POST_JOB = 'scheduler.post';

/** Schedules the post's occurrence due at `due` (or a hop towards it); deduplicated per occurrence. */
export async function schedulePost(s: SchedulerServices, postId: string, due: number, now = Date.now()): Promise<void> {
  const at = hopTo(due, now);
  await s.jobs.schedule(POST_JOB, { postId, due }, { at }, { key: `post-${postId}-${due}-${at.getTime()}` });
}

/** Schedules the next occurrence of every active post (after enabling or a config change). */
export async function armPosts(s: SchedulerServices, now = Date.now()): Promise<number> {
  let armed = 0;
  await Promise.all(s.config.posts.map(async (p) => {
    const due = nextDue(p, now, s.config.timezone);
    if (due === null) return;
    armed++;
    await schedulePost(s, p.id, due, now);
  }));
  return armed;
}

/** What one delivery of the job did. */
export type PostOutcome = 'posted' | 'hopped' | 'stale' | 'duplicate' | 'off' | 'quota';

/**
 * Delivers one occurrence: exactly once per (post, due time) through the delivery claim (taken
 * before posting, given back when Discord refuses so QStash's retry may post). A job whose post
 * was edited, removed or paused since it was scheduled is stale and dropped; only the claim's
 * winner schedules the next occurrence, so chains never multiply.
 */
export async function deliverPost(s: SchedulerServices, postId: string, due: number, enabled: boolean, now = Date.now()): Promise<PostOutcome> {
  if (!enabled) return 'off';
  const post = s.config.posts.find((p) => p.id === postId);
  if (!post || !isDue(post, due, s.config.timezone)) return 'stale';
  if (due > now + EARLY_TOLERANCE_MS) {
    await schedulePost(s, postId, due, now);
    return 'hopped';
  }
  const ref = `post:${postId}`;
  const dueAt = new Date(due);
  if (!hasRoom(await readQuota(s, now), false)) {
    await s.hub?.publish({ items: [{ module: 'scheduler', kind: 'scheduler.quota', level: 'warn', summary: `Scheduled post “${postId}” skipped: this month's delivery quota is used up`, details: { postId } }] }).catch(() => undefined);
    await scheduleNext(s, post.id, due);
    return 'quota';
  }
  if (!(await schedulerStore.claim(s.db, s.guildId, ref, dueAt))) return 'duplicate';
  try {
    const msg = await discordCall<APIMessage>(() => s.rest.post(Routes.channelMessages(post.channelId), { body: postBody(post) }));
    await schedulerStore.recordMessage(s.db, s.guildId, ref, dueAt, msg.id);
  } catch (err) {
    await schedulerStore.release(s.db, s.guildId, ref, dueAt);
    throw err;
  }
  await scheduleNext(s, post.id, due);
  return 'posted';
}

async function scheduleNext(s: SchedulerServices, postId: string, due: number): Promise<void> {
  const post = s.config.posts.find((p) => p.id === postId);
  const next = post ? nextDue(post, due, s.config.timezone) : null;
  if (next !== null) await schedulePost(s, postId, next);
}

/** The `scheduler.post` job. */
export const postJob: JobHandler = {
  name: POST_JOB,
  async run(payload, ctx) {
    const { postId, due } = payload as { postId: string; due: number };
    const s = schedulerServices(ctx);
    const state = await s.hub?.getState();
    const outcome = await deliverPost(s, postId, due, state?.modules.scheduler?.enabled ?? false);
    ctx.log.info('scheduled post', { guildId: ctx.guildId, postId, due, lateMs: Date.now() - due, outcome });
  },
};
