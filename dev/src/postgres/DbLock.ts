/**
 * A FIFO lock on the single PGlite session: one wire connection owns it from its first
 * message until Postgres reports it idle again (ReadyForQuery 'I'), so an extended-protocol
 * exchange (Parse…Sync) or a whole transaction is never interleaved with another
 * connection's messages.
 */
export class DbLock {
  private owner: object | undefined;
  private readonly waiters: { who: object; resolve: () => void }[] = [];

  /** Resolves when `who` owns the lock (at once if it already does). */
  acquire(who: object): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (!this.owner) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ who, resolve }));
  }

  /** Releases the lock if `who` owns it, handing it to the next waiter; drops `who`'s waits. */
  release(who: object): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) if (this.waiters[i]!.who === who && this.owner !== who) this.waiters.splice(i, 1);
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next?.who;
    next?.resolve();
  }

  /** True when `who` owns the lock. */
  holds(who: object): boolean {
    return this.owner === who;
  }
}
