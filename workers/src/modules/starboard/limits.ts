import type { Plan, PlanLimits } from '../../platform/ModuleDefinition';

/** One starboard per server on every plan; ignored channels per plan (-1: unlimited). */
export const STARBOARD_LIMITS: Record<Plan, PlanLimits> = {
  free: { ignoredChannels: 5 },
  premium: { ignoredChannels: -1 },
  max: { ignoredChannels: -1 },
};
