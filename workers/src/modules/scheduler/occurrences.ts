import type { ScheduledPost, SchedulerConfig } from './config';
import { fromZoned, nextOccurrence, parseCron } from './cron';

/** The next time `post` is due strictly after `after` (ms) in `tz`; null when never again. */
export function nextDue(post: ScheduledPost, after: number, tz: string): number | null {
  if (!post.enabled) return null;
  if (post.repeat === 'once') {
    const [date, time] = post.at.split('T') as [string, string];
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, mi] = time.split(':').map(Number) as [number, number];
    const t = fromZoned(y, mo, d, h, mi, tz);
    return t > after ? t : null;
  }
  return nextOccurrence(parseCron(post.cron), after, tz);
}

/** True when `at` is a time `post` is due under its current schedule (a stale job is not). */
export function isDue(post: ScheduledPost, at: number, tz: string): boolean {
  return nextDue(post, at - 60_000, tz) === at;
}

/** A post's occurrence in the calendar. */
export interface Occurrence {
  postId: string;
  channelId: string;
  at: number;
}

/** Every occurrence of the config's posts from `from` for `days` days, soonest first (at most `max`). */
export function upcoming(config: SchedulerConfig, from: number, days = 30, max = 200): Occurrence[] {
  const until = from + days * 86_400_000;
  const out: Occurrence[] = [];
  for (const post of config.posts) {
    let t = nextDue(post, from, config.timezone);
    let n = 0;
    while (t !== null && t <= until && n++ < max) {
      out.push({ postId: post.id, channelId: post.channelId, at: t });
      t = post.repeat === 'once' ? null : nextDue(post, t, config.timezone);
    }
  }
  return out.sort((a, b) => a.at - b.at).slice(0, max);
}
