/** The inbox's delivery limits. */
export interface InboxLimits {
  /** Events per slice (one hub RPC). */
  sliceEvents: number;
  /**
   * Heavy events (with per-event handlers: a welcome is ~2 Discord calls) per slice, so the
   * hub's invocation stays under Workers' 50 subrequests: 15 joins ≈ 30 calls + reads.
   */
  sliceHeavy: number;
  /** Hub RPCs per delivery run (each is a subrequest of the inbox's invocation: 40 leaves room under 50). */
  rpcsPerRun: number;
  /** Failed deliveries of an isolated event before it is set aside. */
  maxAttempts: number;
  /** Wait before the n-th retry of a guild's slice. */
  backoffMs(attempt: number): number;
}

/** Retries at 2 s, 10 s, 1 min, 5 min, then every 15 min: a Discord outage of ~20 min sets nothing aside. */
const BACKOFF = [2_000, 10_000, 60_000, 300_000, 900_000];

export const DEFAULT_LIMITS: InboxLimits = {
  sliceEvents: 200,
  sliceHeavy: 15,
  rpcsPerRun: 40,
  maxAttempts: 5,
  backoffMs: (attempt) => BACKOFF[Math.min(BACKOFF.length, Math.max(1, attempt)) - 1]!,
};

/**
 * The next slice of a guild's pending events (in arrival order): the longest prefix with at
 * most `cap` events and `heavyCap` heavy ones; never empty when `rows` is not.
 */
export function planSlice<T extends { type: string }>(rows: T[], cap: number, heavyCap: number, isHeavy: (type: string) => boolean): T[] {
  const out: T[] = [];
  let heavy = 0;
  for (const r of rows) {
    if (out.length >= cap) break;
    const h = isHeavy(r.type);
    if (h && heavy >= heavyCap && out.length > 0) break;
    if (h) heavy++;
    out.push(r);
  }
  return out;
}
