import type { ShardResumeState } from '@edge/shared/protocol';
import type { SessionStore } from '../SessionStore';
import type { Spool } from '../Spool';

interface Seen {
  sessionId: string;
  resumeURL: string;
  shardCount: number;
  sequence: number;
}

/**
 * Where each shard could be resumed by another process without losing an event: the last
 * sequence before the oldest dispatch still unacknowledged in the spool, or, with nothing
 * pending, the last sequence received (dispatches no module needs were never spooled, so they
 * count as done). Kept per shard from the session the dispatches came with, so a shard just
 * stopped still has its state.
 */
export class ResumeTracker {
  readonly #seen = new Map<number, Seen>();

  constructor(
    private readonly spool: Spool,
    private readonly sessions: SessionStore,
  ) {}

  /** A dispatch of a shard arrived (after `@discordjs/ws` updated the session with it). */
  seen(shardId: number, sequence: number): void {
    const last = this.#seen.get(shardId);
    const session = this.sessions.retrieve(shardId);
    if (!session) return;
    if (!last || last.sessionId !== session.sessionId) {
      this.#seen.set(shardId, { sessionId: session.sessionId, resumeURL: session.resumeURL, shardCount: session.shardCount, sequence });
    } else if (sequence > last.sequence) last.sequence = sequence;
  }

  /** The resume state of one shard, or null before its first dispatch. */
  state(shardId: number): ShardResumeState | null {
    const seen = this.#seen.get(shardId);
    if (!seen) return null;
    const pending = this.spool.minUnackedSeq(shardId, seen.sessionId);
    return { sessionId: seen.sessionId, resumeURL: seen.resumeURL, shardCount: seen.shardCount, sequence: pending === null ? seen.sequence : Math.max(0, pending - 1) };
  }

  /** Resume states of several shards (those known). */
  states(shardIds: number[]): Record<string, ShardResumeState> {
    const out: Record<string, ShardResumeState> = {};
    for (const id of shardIds) {
      const s = this.state(id);
      if (s) out[id] = s;
    }
    return out;
  }

  /** Forgets a shard (its sessions ended). */
  forget(shardId: number): void {
    this.#seen.delete(shardId);
  }
}
