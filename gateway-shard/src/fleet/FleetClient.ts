import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IIdentifyThrottler } from '@discordjs/ws';
import type { FleetDown, FleetUp, ShardResumeState } from '@edge/shared/protocol';
import type { Logger } from '@edge/shared/log';

/** The assignment message of the coordinator. */
export type FleetAssignment = Extract<FleetDown, { type: 'assignment' }>;

/** Options of {@link FleetClient}. */
export interface FleetClientOptions {
  processId: string;
  /** Sends one message over the link; false while the link is down. */
  send: (text: string) => boolean;
  /** What to register with: configured count, `/gateway/bot`'s recommendation. */
  hello: () => Promise<Omit<Extract<FleetUp, { type: 'hello' }>, 'type' | 'processId'>>;
  /** Resume states of the shards this process runs, as far as the Worker acknowledged them. */
  resumeStates: () => Record<string, ShardResumeState>;
  /** Whether a shard still runs here (an identify wait for a stopped shard gives up). */
  isRunning: (shardId: number) => boolean;
  onAssignment: (assignment: FleetAssignment) => void;
  log: Logger;
}

/** Heartbeats per lease: a lost heartbeat or two does not cost the shards. */
const BEATS_PER_LEASE = 4;

/**
 * The coordinated process's side of the ShardCoordinator protocol, over the config link:
 * registers on every (re)connect, heartbeats its lease with the resume states of its shards,
 * reports resume states after acknowledged batches (coalesced), and asks for identify slots
 * (it is `@discordjs/ws`'s identify throttler).
 */
export class FleetClient implements IIdentifyThrottler {
  #beat: NodeJS.Timeout | null = null;
  #leaseMs = 15_000;
  #reportTimer: NodeJS.Timeout | null = null;
  readonly #pending = new Map<string, { resolve: (m: Extract<FleetDown, { type: 'identify' }>) => void }>();
  #linkUp: { promise: Promise<void>; resolve: () => void };
  /** The last assignment received (null before the first). */
  assignment: FleetAssignment | null = null;

  constructor(private readonly options: FleetClientOptions) {
    this.#linkUp = this.#deferred();
  }

  #deferred(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  #send(message: FleetUp): boolean {
    return this.options.send(JSON.stringify(message));
  }

  /** The link opened: register and start heartbeating. */
  async onOpen(): Promise<void> {
    const hello = await this.options.hello();
    if (!this.#send({ type: 'hello', processId: this.options.processId, ...hello })) return;
    this.#linkUp.resolve();
    this.#schedule();
  }

  /** The link dropped: identify waits hold until it is back; the shards keep running. */
  onClose(): void {
    if (this.#beat) clearTimeout(this.#beat);
    this.#beat = null;
    this.#linkUp = this.#deferred();
    for (const p of this.#pending.values()) p.resolve({ type: 'identify', nonce: '', granted: false, retryAfterMs: 0 });
    this.#pending.clear();
  }

  #schedule(): void {
    if (this.#beat) clearTimeout(this.#beat);
    this.#beat = setTimeout(() => {
      this.#send({ type: 'heartbeat', resume: this.options.resumeStates() });
      this.#schedule();
    }, this.#leaseMs / BEATS_PER_LEASE);
    this.#beat.unref();
  }

  /** A coordinator message (the link hands over every `FleetDown`). */
  onMessage(message: FleetDown): void {
    if (message.type === 'assignment') {
      if (message.leaseMs !== this.#leaseMs) {
        this.#leaseMs = message.leaseMs;
        this.#schedule();
      }
      this.assignment = message;
      this.options.onAssignment(message);
    } else if (message.type === 'identify') {
      this.#pending.get(message.nonce)?.resolve(message);
      this.#pending.delete(message.nonce);
    }
  }

  /** Sends the resume states soon (several acks in a row make one message). */
  reportSoon(delayMs = 100): void {
    if (this.#reportTimer) return;
    this.#reportTimer = setTimeout(() => {
      this.#reportTimer = null;
      const resume = this.options.resumeStates();
      if (Object.keys(resume).length > 0) this.#send({ type: 'resume', resume });
    }, delayMs);
    this.#reportTimer.unref();
  }

  /** Tells the coordinator shards were stopped here, with where to resume them. */
  released(shards: number[], resume: Record<string, ShardResumeState>): void {
    if (shards.length) this.#send({ type: 'released', shards, resume });
  }

  /** Close code 4011 on a shard: the coordinator picks a larger count and reassigns. */
  reshard(shardId: number, code: number, shardCount: number, recommendedShards?: number): void {
    this.#send({ type: 'reshard', shardId, code, shardCount, recommendedShards });
  }

  /**
   * `@discordjs/ws`'s identify throttle: waits for the coordinator's slot of the shard's bucket
   * (one identify per bucket per window across every process), while the link is up and the
   * shard still runs here.
   */
  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      // A shard being stopped: its destroy aborts `signal` (throwing here would make `@discordjs/ws` reconnect it).
      if (!this.options.isRunning(shardId)) {
        await sleep(1_000, undefined, { signal });
        continue;
      }
      await Promise.race([this.#linkUp.promise, sleep(1_000, undefined, { signal })]);
      const nonce = randomUUID();
      const answer = new Promise<Extract<FleetDown, { type: 'identify' }>>((resolve) => this.#pending.set(nonce, { resolve }));
      if (!this.#send({ type: 'identify', shardId, nonce })) {
        this.#pending.delete(nonce);
        continue;
      }
      const reply = await Promise.race([answer, sleep(10_000, null, { signal })]);
      this.#pending.delete(nonce);
      if (reply?.granted) {
        this.options.log.info('identify slot granted', { shardId });
        return;
      }
      if (reply && reply.retryAfterMs > 0) await sleep(reply.retryAfterMs, undefined, { signal });
    }
  }

  /** Graceful stop, after the shards closed resumably: the coordinator moves them at once. */
  bye(resume: Record<string, ShardResumeState>): void {
    this.#send({ type: 'bye', resume });
  }

  /** Stops heartbeating (shutdown). */
  close(): void {
    this.onClose();
    if (this.#reportTimer) clearTimeout(this.#reportTimer);
  }
}
