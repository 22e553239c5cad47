import type { JobEnvelope, JobQueue } from '../../jobs/types';
import type { InteractionRateLimiter, RateLimitKind, RateLimitVerdict } from '../InteractionRateLimiter';
import type { InteractionWebhook, WebhookFile } from '../InteractionWebhook';
import type { ReplyBody } from '../types';

/** A webhook call recorded by {@link RecordingWebhook}. */
export interface WebhookCall {
  kind: 'editOriginal' | 'followUp';
  applicationId: string;
  token: string;
  body: ReplyBody;
  /** Names of the files attached to a follow-up. */
  files?: string[];
}

/** Records webhook calls instead of sending them; `fail` makes the next edits throw. */
export class RecordingWebhook implements InteractionWebhook {
  readonly calls: WebhookCall[] = [];
  private waiters: Array<() => void> = [];
  failEdits = false;
  /** How many next follow-ups answer 404 Unknown Webhook (Discord has not recorded the defer yet). */
  unknownFollowUps = 0;

  private record(call: WebhookCall): void {
    this.calls.push(call);
    for (const w of this.waiters.splice(0)) w();
  }

  async editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void> {
    if (this.failEdits) throw Object.assign(new Error('edit refused'), { status: 400 });
    this.record({ kind: 'editOriginal', applicationId, token, body });
  }

  async followUp(applicationId: string, token: string, body: ReplyBody, files: readonly WebhookFile[] = []): Promise<void> {
    if (this.unknownFollowUps > 0 && this.unknownFollowUps--) throw Object.assign(new Error('Unknown Webhook'), { status: 404 });
    this.record({ kind: 'followUp', applicationId, token, body, ...(files.length && { files: files.map((f) => f.name) }) });
  }

  /** Resolves once at least `count` calls were recorded (or rejects after `ms`). */
  async waitFor(count: number, ms = 2_000): Promise<WebhookCall[]> {
    const deadline = Date.now() + ms;
    while (this.calls.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhook calls, got ${this.calls.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.calls;
  }
}

/** Keeps published jobs in memory. */
export class RecordingJobQueue implements JobQueue {
  readonly published: Array<{ name: string; envelope: JobEnvelope }> = [];
  async publish(name: string, envelope: JobEnvelope): Promise<void> {
    this.published.push({ name, envelope });
  }
}

/** A fixed-window limiter in memory: `limit` interactions per member and kind, then refusals. */
export class MemoryRateLimiter implements InteractionRateLimiter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly limit: number, private readonly retryAfterMs = 4_200) {}
  async check(guildId: string | undefined, userId: string, kind: RateLimitKind = 'command'): Promise<RateLimitVerdict> {
    const key = `${guildId}:${userId}:${kind}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > this.limit ? { ok: false, scope: 'member', retryAfterMs: this.retryAfterMs } : { ok: true };
  }
}
