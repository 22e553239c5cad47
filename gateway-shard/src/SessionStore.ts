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
      if (!this.keepOnClear) this.spool.saveSession(shardId, null);
      return;
    }
    const isNew = !prev || prev.sessionId !== info.sessionId || prev.resumeURL !== info.resumeURL || prev.shardCount !== info.shardCount;
    if (isNew) this.spool.saveSession(shardId, info);
  }
}
