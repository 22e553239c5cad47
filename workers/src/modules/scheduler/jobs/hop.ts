/** QStash delivers at most this far ahead; a later job hops towards its time. */
export const MAX_AHEAD_MS = 7 * 86_400_000;

/**
 * When to schedule a job due at `due`: then, or one hop of at most 7 days towards it; rounded up
 * to the second (QStash's not-before is in whole seconds: rounding down would deliver early).
 */
export function hopTo(due: number, now = Date.now()): Date {
  return new Date(Math.ceil(Math.min(due, now + MAX_AHEAD_MS) / 1000) * 1000);
}

/** A delivery up to one second early (QStash's not-before is in whole seconds) counts as on time. */
export const EARLY_TOLERANCE_MS = 1_000;
