import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/log';
import { signDelivery } from './signDelivery';
import type { DlqMessage, QstashMessage } from './types';

/** Options of {@link Deliverer}. */
export interface DelivererOptions {
  /** The key that signs deliveries (QStash signs with the current one). */
  signingKey: string;
  /** Delay before retry number `retried` (1-based), in ms. */
  backoff: (retried: number) => number;
  log: Logger;
}

const headersOf = (h: Headers): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  h.forEach((v, k) => (out[k] = [v]));
  return out;
};

/**
 * Delivers published messages: waits for `notBefore`, POSTs (or the message's method) to the
 * destination with a fresh `Upstash-Signature`, retries non-2xx answers and network errors
 * with backoff, and moves a message that failed its last retry to the dead-letter list.
 */
export class Deliverer {
  private readonly pending = new Map<string, { message: QstashMessage; timer: NodeJS.Timeout }>();
  private readonly inflight = new Set<AbortController>();
  readonly dlq = new Map<string, DlqMessage>();
  private stopped = false;

  constructor(private readonly options: DelivererOptions) {}

  /** Queues a message for delivery at its `notBefore`. */
  schedule(message: QstashMessage): void {
    if (this.stopped) return;
    const timer = setTimeout(() => void this.attempt(message), Math.max(0, message.notBefore - Date.now()));
    this.pending.set(message.messageId, { message, timer });
  }

  /** A message still waiting for delivery or a retry. */
  get(messageId: string): QstashMessage | undefined {
    return this.pending.get(messageId)?.message;
  }

  /** Cancels a pending message; false when there is none. */
  cancel(messageId: string): boolean {
    const p = this.pending.get(messageId);
    if (!p) return false;
    clearTimeout(p.timer);
    this.pending.delete(messageId);
    return true;
  }

  /** Stops every timer and aborts deliveries in flight. */
  stop(): void {
    this.stopped = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const c of this.inflight) c.abort();
  }

  private async attempt(message: QstashMessage): Promise<void> {
    if (this.stopped) return;
    const body = Buffer.from(message.body, 'utf8');
    const headers = new Headers();
    for (const [k, values] of Object.entries(message.header)) for (const v of values) headers.append(k, v);
    headers.set('Upstash-Signature', await signDelivery(this.options.signingKey, message.url, body));
    headers.set('Upstash-Message-Id', message.messageId);
    headers.set('Upstash-Retried', String(message.retried));
    headers.set('User-Agent', 'Upstash-QStash');
    const controller = new AbortController();
    this.inflight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${message.timeoutMs} ms`)), message.timeoutMs);
    let failure: Omit<DlqMessage, keyof QstashMessage | 'dlqId'>;
    try {
      const hasBody = !['GET', 'HEAD'].includes(message.method);
      const res = await fetch(message.url, { method: message.method, headers, body: hasBody ? body : undefined, signal: controller.signal });
      const responseBody = await res.text().catch(() => '');
      if (res.ok) {
        this.pending.delete(message.messageId);
        this.options.log('debug', 'qstash delivered', { messageId: message.messageId, status: res.status, retried: message.retried });
        return;
      }
      failure = { responseStatus: res.status, responseHeader: headersOf(res.headers), responseBody };
    } catch (err) {
      if (this.stopped) return;
      failure = { error: (err as Error).message };
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
    this.pending.delete(message.messageId);
    if (message.retried < message.maxRetries) {
      const retried = message.retried + 1;
      this.options.log('info', 'qstash delivery failed, will retry', { messageId: message.messageId, status: failure.responseStatus, retried });
      this.schedule({ ...message, retried, notBefore: Date.now() + this.options.backoff(retried) });
      return;
    }
    const dlqId = `${Date.now()}-${randomUUID()}`;
    this.dlq.set(dlqId, { ...message, ...failure, dlqId });
    this.options.log('warn', 'qstash message dead-lettered', { messageId: message.messageId, status: failure.responseStatus, retried: message.retried });
  }
}
