/** Longest window a rule may use (duplicates: 600 s); older entries are dropped. */
export const MAX_WINDOW_MS = 600_000;

/** Per member, recent message times and text hashes: `[at, hash]`, oldest first. */
export type WindowData = Record<string, [number, number][]>;

/**
 * Sliding windows of each member's recent messages, for the rate and duplicate rules: in
 * memory while the hub lives (the hub persists them, see `hub/AutomodLocal.ts`); entries past
 * the longest window are dropped as members post.
 */
export class MemberWindows {
  constructor(readonly data: WindowData = {}) {}

  /** Records a message; returns how many messages and how many copies of this text the member sent within each window. */
  add(authorId: string, at: number, hash: number, rateMs: number, dupMs: number): { recent: number; copies: number } {
    const list = (this.data[authorId] ??= []);
    while (list.length && list[0]![0] < at - MAX_WINDOW_MS) list.shift();
    list.push([at, hash]);
    let recent = 0;
    let copies = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const [t, h] = list[i]!;
      const age = at - t;
      if (age < 0) continue;
      if (age > rateMs && age > dupMs) break;
      if (age <= rateMs) recent++;
      if (age <= dupMs && h === hash) copies++;
    }
    return { recent, copies };
  }

  /** Drops members with nothing within the longest window (before persisting). */
  prune(now: number): void {
    for (const [id, list] of Object.entries(this.data)) {
      while (list.length && list[0]![0] < now - MAX_WINDOW_MS) list.shift();
      if (!list.length) delete this.data[id];
    }
  }
}
