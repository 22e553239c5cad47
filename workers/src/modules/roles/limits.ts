import type { Plan, PlanLimits } from '../ModuleDefinition';

/** Panels per plan (-1: unlimited). */
export const ROLES_LIMITS: Record<Plan, PlanLimits> = {
  free: { panels: 3 },
  premium: { panels: -1 },
  max: { panels: -1 },
};
