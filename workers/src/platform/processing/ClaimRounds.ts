import type { ProcessingContext } from '../ModuleDefinition';
import type { ClaimStore } from './ClaimStore';

/** The `once` of {@link ProcessingContext}. */
export type OnceFn = ProcessingContext['once'];

type Pending = { eventId: string; key: string; task: Task | undefined; resolve: (won: boolean) => void; reject: (err: unknown) => void };
type Task = { waiting: number };

/**
 * `ctx.once` for a whole processing run, with the claims of concurrent handlers taken in one
 * statement. Each event's handlers run as a task ({@link run}); a claim waits until every
 * running task is itself waiting on a claim (or done), then all waiting claims are inserted
 * together ({@link ClaimStore.claim}): one store call per round instead of one per effect. The semantics of `once` are unchanged: claim before act, a lost claim means
 * the effect already ran (or is running), a throw releases the claim so a retry may run it.
 * Waiting only delays a claim until no task can make progress without one, so it never deadlocks.
 */
export class ClaimRounds {
  readonly #tasks = new Set<Task>();
  #pending: Pending[] = [];
  #scheduled = false;

  /** `timeOf`: when an event was received (ms), so the store looks for its claims from that day on only. */
  constructor(private readonly store: ClaimStore, private readonly timeOf: (eventId: string) => number | undefined = () => undefined) {}

  /** `once` for code outside a task (batch handlers): claimed at the next round. */
  readonly once: OnceFn = (eventId, key, effect) => this.#once(undefined, eventId, key, effect);

  /** Runs `fn` as one task, handing it a `once` bound to the task. */
  async run<T>(fn: (once: OnceFn) => Promise<T>): Promise<T> {
    const task: Task = { waiting: 0 };
    this.#tasks.add(task);
    try {
      return await fn((eventId, key, effect) => this.#once(task, eventId, key, effect));
    } finally {
      this.#tasks.delete(task);
      this.#schedule();
    }
  }

  async #once(task: Task | undefined, eventId: string, key: string, effect: () => Promise<void>): Promise<boolean> {
    const won = await new Promise<boolean>((resolve, reject) => {
      if (task) task.waiting++;
      this.#pending.push({ eventId, key, task, resolve, reject });
      this.#schedule();
    });
    if (!won) return false;
    try {
      await effect();
      return true;
    } catch (err) {
      await this.store.release(eventId, key).catch(() => {});
      throw err;
    }
  }

  /** Checks after the current synchronous work (so tasks started together all get to their first claim). */
  #schedule(): void {
    if (this.#scheduled || this.#pending.length === 0) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#pending.length > 0 && [...this.#tasks].every((t) => t.waiting > 0)) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const round = this.#pending;
    this.#pending = [];
    const settle = (p: Pending, fn: () => void) => {
      if (p.task) p.task.waiting--;
      fn();
    };
    try {
      const won = await this.store.claim(round.map((p) => ({ eventId: p.eventId, key: p.key, at: this.timeOf(p.eventId) })));
      // Two claims of the same effect in one round: the first asker wins, the other did not.
      for (const p of round) settle(p, () => p.resolve(won.delete(`${p.eventId}\u0000${p.key}`)));
    } catch (err) {
      for (const p of round) settle(p, () => p.reject(err));
    }
  }
}
