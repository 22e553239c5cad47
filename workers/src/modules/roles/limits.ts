import type { Plan, PlanLimits } from '../../platform/ModuleDefinition';

/** Panels and reaction roles per plan (-1: unlimited). */
export const ROLES_LIMITS: Record<Plan, PlanLimits> = {
  free: { panels: 3, reactionRoles: 10 },
  premium: { panels: -1, reactionRoles: -1 },
  max: { panels: -1, reactionRoles: -1 },
};
