import type { AutomodConfig } from '../config';
import { snowflakeMs } from './checkMessage';

/** Raid mode as the hub keeps it (one row, written on each change). */
export interface RaidState {
  active: boolean;
  /** When raid mode started (ms), while active; else when the last one started. */
  since: number | null;
  /** The last join that matched the raid pattern (ms): raid mode ends after a quiet period. */
  lastJoinAt: number | null;
  /** Recent joins matching the pattern, `[userId, at]`, within the detection window. */
  joins: [string, number][];
  /** The verification level before raid mode raised it (put back at the end); null: not raised. */
  previousVerification: number | null;
  invitesPaused: boolean;
  /** Matching joins acted on during this raid. */
  actedOn: number;
  /** Raid joins still to act on (Discord calls are capped per run). */
  pending: string[];
  /** Members timed out by raid mode (lifted when an admin ends it so). */
  timedOut: string[];
  /** How the last raid mode ended, for the dashboard. */
  ended: { at: number; by: string | null; reason: 'quiet' | 'admin' } | null;
}

/** No raid, nothing counted. */
export const calmRaidState = (): RaidState => ({ active: false, since: null, lastJoinAt: null, joins: [], previousVerification: null, invitesPaused: false, actedOn: 0, pending: [], timedOut: [], ended: null });

/** What one join means for raid mode. */
export interface JoinVerdict {
  /** The join matches the raid pattern (a fresh account, when the config counts only those). */
  matches: boolean;
  /** This join started raid mode: act on `window` (the matching joins that led to it, this one included). */
  started: boolean;
  window: string[];
}

/** Whether a join matches the raid pattern. */
export const raidPattern = (c: AutomodConfig['raid'], userId: string, at: number): boolean =>
  !c.freshAccountDays || at - snowflakeMs(userId) < c.freshAccountDays * 86_400_000;

/**
 * Counts a join into the detection window (matching joins within `seconds`); at `joins` of them
 * raid mode starts. Mutates `s`. Pure otherwise: the hub, the tests and the bench run it.
 */
export function countJoin(s: RaidState, c: AutomodConfig['raid'], userId: string, at: number): JoinVerdict {
  if (!c.enabled || !raidPattern(c, userId, at)) return { matches: false, started: false, window: [] };
  if (s.active) {
    s.lastJoinAt = at;
    return { matches: true, started: false, window: [] };
  }
  s.joins = s.joins.filter(([, t]) => t > at - c.seconds * 1000);
  s.joins.push([userId, at]);
  s.lastJoinAt = at;
  if (s.joins.length < c.joins) return { matches: true, started: false, window: [] };
  s.active = true;
  s.since = at;
  s.actedOn = 0;
  return { matches: true, started: true, window: s.joins.map(([id]) => id) };
}

/** Whether raid mode has been quiet long enough to end. */
export const quietEnough = (s: RaidState, c: AutomodConfig['raid'], now: number): boolean =>
  s.active && now - (s.lastJoinAt ?? s.since ?? now) >= c.quietMinutes * 60_000;
