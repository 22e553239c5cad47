import type { SessionInfo } from '@discordjs/ws';
import type { Spool } from './Spool';

/**
 * The `retrieveSessionInfo` / `updateSessionInfo` pair given to `@discordjs/ws`, backed by
 * the spool. A new session (id, resume URL) is written at once; a bare sequence bump is
 * only kept in memory here and written together with its event by the spool, so the
 * stored sequence never claims an event that is not stored. A dispatch no module needs is
 * not written at all: after a crash Discord replays it and it is filtered again.
 */
export class SessionStore {
  readonly #live = new Map<number, SessionInfo | null>();
  /** Shards being stopped resumably: `@discordjs/ws` clearing their session is not persisted. */
  readonly #keeping = new Set<number>();
  /** While true, `@discordjs/ws` clearing a session (on our own shutdown) is not persisted. */
  keepOnClear = false;

  constructor(private readonly spool: Spool) {}

  /** The current session of a shard (memory first, then SQLite). */
  retrieve(shardId: number): SessionInfo | null {
    if (!this.#live.has(shardId)) this.#live.set(shardId, this.spool.loadSession(shardId));
    return this.#live.get(shardId) ?? null;
  }

  /** Called by `@discordjs/ws` on READY, on every sequence bump and when a session ends. */
  update(shardId: number, info: SessionInfo | null): void {
    const prev = this.retrieve(shardId);
    this.#live.set(shardId, info);
    if (!info) {
      if (!this.keepOnClear && !this.#keeping.has(shardId)) this.spool.saveSession(shardId, null);
      return;
    }
    const isNew = !prev || prev.sessionId !== info.sessionId || prev.resumeURL !== info.resumeURL || prev.shardCount !== info.shardCount;
    if (isNew) this.spool.saveSession(shardId, info);
  }

  /** While `keep` is true, a cleared session of this shard stays in SQLite (a resumable stop). */
  keep(shardId: number, keep: boolean): void {
    if (keep) this.#keeping.add(shardId);
    else this.#keeping.delete(shardId);
  }

  /**
   * Before a coordinated shard starts: the session to resume is the one in SQLite or the one
   * the coordinator holds (another process ran the shard since), whichever is further in the
   * same session; a session of another id or shard count in the coordinator wins (it is newer).
   * Resuming from either never skips an event: up to the coordinator's sequence the Worker
   * acknowledged everything, and up to SQLite's every event is in this spool.
   */
  prepare(shardId: number, remote: SessionInfo | null): SessionInfo | null {
    const local = this.spool.loadSession(shardId);
    let chosen = local;
    if (remote && (!local || local.sessionId !== remote.sessionId || local.shardCount !== remote.shardCount)) chosen = remote;
    else if (remote && local && remote.sequence > local.sequence) chosen = { ...local, sequence: remote.sequence };
    this.#live.set(shardId, chosen);
    this.spool.saveSession(shardId, chosen);
    return chosen;
  }

  /** Forgets a shard's session for good (its sessions ended: another shard count). */
  forget(shardId: number): void {
    this.#live.set(shardId, null);
    this.spool.saveSession(shardId, null);
  }
}
