import type { Plan, PlanLimits } from '../../platform/ModuleDefinition';

/** Shop items per plan (-1: unlimited). */
export const ECONOMY_LIMITS: Record<Plan, PlanLimits> = {
  free: { shopItems: 5 },
  premium: { shopItems: -1 },
  max: { shopItems: -1 },
};
