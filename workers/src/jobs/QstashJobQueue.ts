import type { Client } from '@upstash/qstash';
import type { JobEnvelope, JobQueue, PublishOptions } from './types';

/** Job names: they become a URL path segment. */
export const JOB_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The URL QStash delivers job `name` to; the Receiver checks the signature's subject against it. */
export function jobUrl(baseUrl: string, name: string): string {
  return `${baseUrl.replace(/\/$/, '')}/jobs/${name}`;
}

/** Publishes to QStash, which delivers to `<baseUrl>/jobs/<name>` with retries. */
export class QstashJobQueue implements JobQueue {
  constructor(
    private readonly client: Client,
    /** The Worker's origin as QStash reaches it (`WORKER_SELF_URL`, else `PUBLIC_URL`). */
    private readonly baseUrl: string,
  ) {}

  async publish(name: string, envelope: JobEnvelope, options: PublishOptions = {}): Promise<void> {
    if (!JOB_NAME.test(name)) throw new Error(`Invalid job name "${name}"`);
    await this.client.publishJSON({
      url: jobUrl(this.baseUrl, name),
      body: envelope,
      retries: envelope.retries,
      ...(options.delaySeconds ? { delay: options.delaySeconds } : {}),
      ...(options.notBefore ? { notBefore: options.notBefore } : {}),
      // Without an explicit id, a publish retried with the same body is still delivered once.
      ...(options.deduplicationId ? { deduplicationId: options.deduplicationId } : { contentBasedDeduplication: true }),
    });
  }
}
