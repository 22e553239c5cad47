import type { Plan, PlanLimits } from '../../platform/ModuleDefinition';

/**
 * Stats limits per plan (seed 000 "Module Stats", `-1` = unlimited, `0` = not allowed):
 * - `retention_days`: how far back 5-minute buckets and per-member days are kept
 *   and how far back queries may look;
 * - `leaderboard_size`: most rows a leaderboard returns;
 * - `export`: CSV export allowed (1) or not (0).
 */
export const STATS_LIMITS = {
  free: { retention_days: 7, leaderboard_size: 10, export: 0 },
  premium: { retention_days: 90, leaderboard_size: -1, export: 1 },
  max: { retention_days: 365, leaderboard_size: -1, export: 1 },
} satisfies Record<Plan, PlanLimits>;

/** Days the guild-level daily rollup is kept on every plan (a row per channel per day: small). */
export const DAILY_RETENTION_DAYS = 365;

/** Most rows a leaderboard ever returns, whatever the plan (an embed or page stays readable). */
export const LEADERBOARD_MAX = 100;

/** Retention window of a plan, in days. */
export function retentionDays(plan: Plan): number {
  return STATS_LIMITS[plan].retention_days;
}

/** Largest leaderboard a plan may ask for. */
export function leaderboardCap(plan: Plan): number {
  const n = STATS_LIMITS[plan].leaderboard_size;
  return n < 0 ? LEADERBOARD_MAX : Math.min(n, LEADERBOARD_MAX);
}
