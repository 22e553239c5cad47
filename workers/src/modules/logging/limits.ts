import type { Plan, PlanLimits } from '../../platform/Plan';

/** Logging's limits per plan (-1 = unlimited): distinct log channels a config may post to. */
export const LOGGING_LIMITS: Record<Plan, PlanLimits> = {
  free: { logChannels: 1 },
  premium: { logChannels: -1 },
  max: { logChannels: -1 },
};
