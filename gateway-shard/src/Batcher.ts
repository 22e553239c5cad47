import { randomUUID } from 'node:crypto';
import { BatchRejectedError, type Delivery } from './Delivery';
import type { Logger } from '@edge/shared/log';
import { MAX_INGEST_BYTES } from '@edge/shared/protocol';
import type { Metrics } from './Metrics';
import type { Spool, SpoolRow } from './Spool';

/** Options of {@link Batcher}. */
export interface BatcherOptions {
  maxEvents: number;
  maxWaitMs: number;
  priorityWaitMs: number;
  /** Largest priority batch (default `maxEvents`). */
  priorityMaxEvents?: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** Called after rows were acknowledged (coordinated processes report their resume states then). */
  onAck?: () => void;
}

type Lane = 'priority' | 'normal';

/** Builds the JSON body from spooled text without parsing payloads again. */
function buildBody(batchId: string, rows: SpoolRow[]): string {
  const events = rows.map(
    (r) => `{"id":${JSON.stringify(r.eventId)},"type":${JSON.stringify(r.type)},"guildId":${JSON.stringify(r.guildId)},"receivedAt":${r.receivedAt},"payload":${r.payload}}`,
  );
  return `{"batchId":"${batchId}","events":[${events.join(',')}]}`;
}

/**
 * Turns spooled rows into batches: a lane flushes at `maxEvents` rows or when its oldest
 * row waited `maxWaitMs` (the priority lane: `priorityWaitMs`). Rows are read back from
 * SQLite, so after a restart everything not acknowledged is sent again (the Worker
 * dedupes by event id); rows are deleted only once acknowledged.
 */
export class Batcher {
  readonly #cursor: Record<Lane, number> = { priority: 0, normal: 0 };
  readonly #pending: Record<Lane, number>;
  readonly #oldestAt: Record<Lane, number> = { priority: 0, normal: 0 };
  readonly #timers: Partial<Record<Lane, NodeJS.Timeout>> = {};
  readonly #abort = new AbortController();
  #inFlight = 0;
  /** Priority batches in flight: at most one, so effects of consecutive batches (a raid's welcomes) keep the events' order. */
  #priorityInFlight = 0;
  #draining = false;
  #idle: (() => void)[] = [];
  /** Time of the last ack (ms), for `/health`. */
  lastAckAt: number | null = null;

  constructor(
    private readonly spool: Spool,
    private readonly delivery: Delivery,
    private readonly options: BatcherOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    const counts = spool.db.prepare('SELECT priority, count(*) AS n FROM spool GROUP BY priority').all() as { priority: number; n: number }[];
    this.#pending = { priority: counts.find((c) => c.priority === 1)?.n ?? 0, normal: counts.find((c) => c.priority === 0)?.n ?? 0 };
  }

  /** Tells the batcher a row entered a lane. */
  notify(priority: boolean): void {
    const lane: Lane = priority ? 'priority' : 'normal';
    if (this.#pending[lane]++ === 0) this.#oldestAt[lane] = Date.now();
    this.#schedule();
  }

  /** Starts sending what a previous run left in the spool. */
  start(): void {
    this.#schedule();
  }

  /** Sends everything now, ignoring the wait; resolves when the spool is empty or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.#draining = true;
    this.#schedule();
    const done = new Promise<boolean>((resolve) => this.#idle.push(() => resolve(true)));
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    this.#checkIdle();
    const ok = await Promise.race([done, timer]);
    this.#draining = false;
    return ok;
  }

  /** Stops sending; unacknowledged rows stay in the spool for the next run. */
  stop(): void {
    this.#abort.abort();
    for (const t of Object.values(this.#timers)) clearTimeout(t);
  }

  #checkIdle(): void {
    if (this.#inFlight === 0 && this.#pending.priority === 0 && this.#pending.normal === 0) {
      for (const fn of this.#idle.splice(0)) fn();
    }
  }

  #schedule(): void {
    if (this.#abort.signal.aborted) return;
    for (const lane of ['priority', 'normal'] as const) {
      while (this.#inFlight < this.options.concurrency && this.#pending[lane] > 0 && !(lane === 'priority' && this.#priorityInFlight > 0)) {
        const wait = lane === 'priority' ? this.options.priorityWaitMs : this.options.maxWaitMs;
        const due = this.#oldestAt[lane] + wait - Date.now();
        if (!this.#draining && this.#pending[lane] < this.#max(lane) && due > 0) {
          if (!this.#timers[lane]) {
            this.#timers[lane] = setTimeout(() => {
              delete this.#timers[lane];
              this.#schedule();
            }, due);
          }
          break;
        }
        this.#takeAndSend(lane);
      }
    }
    this.#checkIdle();
  }

  #max(lane: Lane): number {
    return lane === 'priority' ? (this.options.priorityMaxEvents ?? this.options.maxEvents) : this.options.maxEvents;
  }

  #takeAndSend(lane: Lane): void {
    const max = this.#max(lane);
    const rows = this.spool.take(lane, this.#cursor[lane], max);
    if (rows.length < max) this.#pending[lane] = 0;
    else this.#pending[lane] = Math.max(0, this.#pending[lane] - rows.length);
    const last = rows.at(-1);
    if (!last) return;
    this.#cursor[lane] = last.id;
    this.#oldestAt[lane] = last.receivedAt;
    this.#inFlight++;
    if (lane === 'priority') this.#priorityInFlight++;
    void this.#deliver(rows)
      .catch((err: Error) => {
        if (!this.#abort.signal.aborted) this.log.error('batch delivery stopped', { error: err.message });
      })
      .finally(() => {
        this.#inFlight--;
        if (lane === 'priority') this.#priorityInFlight--;
        this.#schedule();
      });
  }

  /** Delivers rows until every one is acknowledged; a refused batch is split to isolate the bad event. */
  async #deliver(rows: SpoolRow[]): Promise<void> {
    const batchId = randomUUID();
    let remaining = rows;
    for (let attempt = 1; remaining.length > 0; attempt++) {
      let acked: string[];
      const body = buildBody(batchId, remaining);
      // The Worker refuses bodies over the protocol's limit: split before sending, not after a 413.
      if (remaining.length > 1 && Buffer.byteLength(body) > MAX_INGEST_BYTES) {
        const half = Math.ceil(remaining.length / 2);
        await this.#deliver(remaining.slice(0, half));
        return this.#deliver(remaining.slice(half));
      }
      try {
        acked = await this.delivery.send(batchId, body, this.#abort.signal);
      } catch (err) {
        if (!(err instanceof BatchRejectedError)) throw err;
        if (remaining.length === 1) return this.#reject(remaining[0]!, err);
        const half = Math.ceil(remaining.length / 2);
        await this.#deliver(remaining.slice(0, half));
        return this.#deliver(remaining.slice(half));
      }
      const held = new Set(acked);
      const done = remaining.filter((r) => held.has(r.eventId));
      this.spool.ack(done.map((r) => r.id));
      this.metrics.spoolDepth.set(this.spool.depth);
      if (done.length > 0) {
        this.lastAckAt = Date.now();
        this.metrics.batchLatency.observe((Date.now() - Math.min(...done.map((r) => r.receivedAt))) / 1_000);
        for (const r of done) this.metrics.forwarded.inc({ type: r.type });
        this.options.onAck?.();
      }
      remaining = remaining.filter((r) => !held.has(r.eventId));
      if (remaining.length > 0) await this.delivery.backoff(attempt, this.#abort.signal);
    }
  }

  #reject(row: SpoolRow, err: BatchRejectedError): void {
    this.log.error('worker rejected an event; dropping it', { eventId: row.eventId, type: row.type, status: err.status, reason: err.message });
    this.metrics.dropped.inc({ type: row.type, reason: 'rejected' });
    this.spool.ack([row.id]);
  }
}
