import { Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { JobHandler } from '../../jobs/types';
import { pollStore, type Poll } from './data/pollStore';
import { pollMessage } from './pollMessage';
import { pollServices, type PollServices } from './pollServices';

/** The job that ends a poll at its time (QStash: survives restarts). */
export const CLOSE_JOB = 'polls.close';
/** QStash delivers at most this far ahead; a longer poll's job hops. */
const MAX_AHEAD_MS = 7 * 86_400_000;

/** Schedules the poll's close at its end (or a hop of at most 7 days towards it). */
export async function scheduleClose(s: PollServices, poll: Pick<Poll, 'id' | 'endsAt'>, now = Date.now()): Promise<void> {
  const at = new Date(Math.min(Date.parse(poll.endsAt), now + MAX_AHEAD_MS));
  await s.jobs.schedule(CLOSE_JOB, { pollId: poll.id }, { at }, { key: `poll-${poll.id}-${at.getTime()}` });
}

/** A native poll's counts from its message (Discord counts; answer ids are 1-based). */
async function nativeResults(s: PollServices, poll: Poll): Promise<number[]> {
  const msg = await discordCall<APIMessage>(() => s.rest.get(Routes.channelMessage(poll.channelId, poll.messageId!)));
  const counts = poll.answers.map(() => 0);
  for (const c of msg.poll?.results?.answer_counts ?? []) if (c.id >= 1 && c.id <= counts.length) counts[c.id - 1] = c.count;
  return counts;
}

/** Live counts of an open poll (the dashboard's view); null when its message is gone. */
export async function currentResults(s: PollServices, poll: Poll): Promise<number[] | null> {
  if (poll.closedAt) return poll.results;
  if (poll.kind === 'buttons') return pollStore.tally(s.db, poll);
  if (!poll.messageId) return null;
  return nativeResults(s, poll).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  });
}

/**
 * Ends a poll: at its time (the job) or early (`early`: an admin from the dashboard). A native
 * poll is expired on Discord (early) and its counts copied from the message; a button poll's
 * votes are tallied and its message shows the results without buttons. Idempotent: a closed
 * poll is left alone; an early delivery reschedules.
 */
export async function closePoll(s: PollServices, pollId: number, opts: { early?: boolean; now?: number } = {}): Promise<'closed' | 'rescheduled' | 'skipped'> {
  const now = opts.now ?? Date.now();
  const poll = await pollStore.get(s.db, s.guildId, pollId);
  if (!poll || poll.closedAt) return 'skipped';
  if (!opts.early && Date.parse(poll.endsAt) > now + 1000) {
    await scheduleClose(s, poll, now);
    return 'rescheduled';
  }
  let results: number[];
  if (poll.kind === 'native' && poll.messageId) {
    if (opts.early) {
      await discordCall(() => s.rest.post(Routes.expirePoll(poll.channelId, poll.messageId!))).catch((err: unknown) => {
        // Already over on Discord's side: nothing to end.
        if (!(err instanceof HttpError && err.status === 400)) throw err;
      });
    }
    results = await nativeResults(s, poll).catch(() => poll.answers.map(() => 0));
  } else {
    results = await pollStore.tally(s.db, poll);
    if (poll.messageId) {
      const body = await pollMessage(poll, () => Promise.reject(new Error('a closed poll has no buttons')), results);
      await discordCall(() => s.rest.patch(Routes.channelMessage(poll.channelId, poll.messageId!), { body })).catch((err: unknown) => {
        if (!(err instanceof HttpError && err.status === 404)) throw err;
      });
    }
  }
  if (!(await pollStore.close(s.db, s.guildId, poll.id, results))) return 'skipped';
  await s.hub?.publish({ items: [{ module: 'polls', kind: 'polls.closed', level: 'info', summary: `Poll #${poll.id} closed (${results.reduce((a, b) => a + b, 0)} votes)`, details: { pollId: poll.id } }] }).catch(() => undefined);
  return 'closed';
}

/** The `polls.close` job. */
export const closePollJob: JobHandler = {
  name: CLOSE_JOB,
  async run(payload, ctx) {
    const { pollId } = payload as { pollId: number };
    const result = await closePoll(pollServices(ctx), pollId);
    ctx.log.info('poll close', { guildId: ctx.guildId, pollId, result });
  },
};
