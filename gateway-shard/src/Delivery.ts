import { setTimeout as sleep } from 'node:timers/promises';
import { httpRequest } from './httpRequest';
import type { Logger } from '@edge/shared/log';
import type { Metrics } from './Metrics';
import { signedHeaders } from '@edge/shared/protocol/sign';

/** Options of {@link Delivery}. */
export interface DeliveryOptions {
  workerUrl: string;
  secret: string;
  /** Cap of the exponential backoff between attempts. */
  retryMaxMs: number;
  retryBaseMs?: number;
  log: Logger;
  metrics: Metrics;
  /** The HTTP client (tests may replace it); `node:http` by default, see {@link httpRequest}. */
  request?: typeof httpRequest;
}

/** Thrown when the Worker refuses a batch for its content (400/413): retrying as is cannot help. */
export class BatchRejectedError extends Error {
  override name = 'BatchRejectedError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Parses `Retry-After` (seconds or HTTP date) into milliseconds. */
function retryAfterMs(value: string | string[] | undefined): number | null {
  if (Array.isArray(value)) value = value[0];
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Posts signed batches to `POST {WORKER_URL}/ingest` until the Worker answers with the ids
 * it holds: exponential backoff with full jitter, `Retry-After` honoured on 429/503.
 */
export class Delivery {
  readonly #url: string;
  readonly #request: typeof httpRequest;

  constructor(private readonly options: DeliveryOptions) {
    this.#url = new URL('/ingest', options.workerUrl).toString();
    this.#request = options.request ?? httpRequest;
  }

  /** Waits before attempt `attempt` (1-based), at least `floorMs`. */
  backoff(attempt: number, signal: AbortSignal, floorMs = 0): Promise<void> {
    const base = this.options.retryBaseMs ?? 250;
    const cap = Math.min(this.options.retryMaxMs, base * 2 ** Math.min(attempt, 20));
    const wait = Math.max(floorMs, cap / 2 + Math.random() * (cap / 2));
    return sleep(wait, undefined, { signal });
  }

  /**
   * Sends one batch body; resolves with the acknowledged event ids. Retries transport
   * errors, 401/409 (clock or secret trouble, logged), 408/429/5xx; throws
   * {@link BatchRejectedError} on 400/413 and an AbortError when `signal` fires.
   */
  async send(batchId: string, body: string, signal: AbortSignal): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      let floor = 0;
      try {
        const res = await this.#request(this.#url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders(this.options.secret, body) },
          body,
          signal,
        });
        if (res.status >= 200 && res.status < 300) {
          const json = JSON.parse(res.text) as { acked?: unknown };
          if (Array.isArray(json.acked)) return json.acked.filter((x): x is string => typeof x === 'string');
          throw new Error('ingest answer without acked ids');
        }
        this.options.metrics.deliveryFailures.inc({ status: String(res.status) });
        if (res.status === 400 || res.status === 413) throw new BatchRejectedError(res.status, res.text.slice(0, 300));
        floor = res.status === 429 || res.status === 503 ? (retryAfterMs(res.headers['retry-after']) ?? 0) : 0;
        const level = res.status === 401 || res.status === 409 ? 'error' : 'warn';
        this.options.log[level]('ingest refused batch; retrying', { batchId, status: res.status, attempt, waitMs: floor || undefined });
      } catch (err) {
        if (err instanceof BatchRejectedError || signal.aborted) throw err;
        this.options.metrics.deliveryFailures.inc({ status: 'network' });
        if (attempt === 1 || attempt % 10 === 0) this.options.log.warn('ingest unreachable; retrying', { batchId, attempt, error: (err as Error).message });
      }
      await this.backoff(attempt, signal, floor);
    }
  }
}
