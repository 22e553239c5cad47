import { describe, expect, it } from 'vitest';
import type { JobEnvelope, JobQueue, PublishOptions } from '../jobs/types';
import { moduleJobs } from './ModuleServices';

/** A queue that keeps what it is given (the production one is QStash). */
function captureQueue() {
  const sent: { name: string; envelope: JobEnvelope; options?: PublishOptions }[] = [];
  const queue: JobQueue = { publish: async (name, envelope, options) => void sent.push({ name, envelope, options }) };
  return { sent, queue };
}

describe('jobs.schedule', () => {
  const GUILD = '123456789012345678';

  it('publishes the job for the module and guild, after a delay, deduplicated by content', async () => {
    const { sent, queue } = captureQueue();
    await moduleJobs(() => queue, { moduleId: 'polls', guildId: GUILD, requestId: 'r1' }).schedule('polls.close', { pollId: 7 }, { delay: 90 });
    expect(sent).toEqual([
      { name: 'polls.close', envelope: { payload: { pollId: 7 }, requestId: 'r1', retries: 3, moduleId: 'polls', guildId: GUILD }, options: { delaySeconds: 90 } },
    ]);
  });

  it('runs at a date (not before), with a deduplication key per job, guild and key', async () => {
    const { sent, queue } = captureQueue();
    const at = new Date(Date.now() + 3_600_000);
    await moduleJobs(() => queue, { moduleId: 'polls', guildId: GUILD, requestId: 'r2' }).schedule('polls.close', {}, { at }, { key: 'poll-7', retries: 5 });
    expect(sent[0]!.options).toEqual({ notBefore: Math.floor(at.getTime() / 1000), deduplicationId: `polls.close:${GUILD}:poll-7` });
    expect(sent[0]!.envelope.retries).toBe(5);
  });

  it('delivers at once for a date already past, and refuses a missing time', async () => {
    const { sent, queue } = captureQueue();
    const jobs = moduleJobs(() => queue, { moduleId: 'm', guildId: undefined, requestId: 'r3' });
    await jobs.schedule('m.now', 1, { at: new Date(Date.now() - 1_000) });
    expect(sent[0]).toMatchObject({ options: {}, envelope: { moduleId: 'm' } });
    expect('guildId' in sent[0]!.envelope).toBe(false);
    await expect(jobs.schedule('m.bad', 1, { delay: Number.NaN })).rejects.toThrow(/delay in seconds or a date/);
  });
});
