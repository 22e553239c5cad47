import type { Plan, PlanLimits } from '../../platform/Plan';

/**
 * Welcome's limits per plan (-1 = unlimited): `embeds` 0 means text only (seed 000: embeds
 * are premium); `autoroles` is how many roles may be given on join.
 */
export const WELCOME_LIMITS: Record<Plan, PlanLimits> = {
  free: { embeds: 0, autoroles: 1 },
  premium: { embeds: -1, autoroles: 5 },
  max: { embeds: -1, autoroles: -1 },
};
