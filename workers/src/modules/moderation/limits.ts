import type { Plan, PlanLimits } from '../../platform/Plan';

/**
 * Moderation's limits per plan (-1 = unlimited): `historyDays` is how far back cases are
 * visible (they are all kept); `escalationRules` how many escalation rules a config may hold.
 */
export const MODERATION_LIMITS: Record<Plan, PlanLimits> = {
  free: { historyDays: 30, escalationRules: 3 },
  premium: { historyDays: -1, escalationRules: -1 },
  max: { historyDays: -1, escalationRules: -1 },
};

/** The oldest case date the plan shows, or undefined when unlimited. */
export function historyCutoff(plan: Plan, now = Date.now()): Date | undefined {
  const days = MODERATION_LIMITS[plan].historyDays ?? -1;
  return days < 0 ? undefined : new Date(now - days * 86_400_000);
}
