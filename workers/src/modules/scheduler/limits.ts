import type { Plan, PlanLimits } from '../../platform/ModuleDefinition';

/**
 * Scheduled posts per plan, and deliveries (posts and reminders sent) per calendar month (UTC),
 * the freemium quota of seed 002; -1: unlimited.
 */
export const SCHEDULER_LIMITS: Record<Plan, PlanLimits> = {
  free: { scheduledPosts: 3, monthlyDeliveries: 200 },
  premium: { scheduledPosts: 25, monthlyDeliveries: 5_000 },
  max: { scheduledPosts: -1, monthlyDeliveries: -1 },
};

/** The first instant of the month after `now` (UTC): when the monthly quota resets. */
export function quotaResetsAt(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The first instant of the month of `now` (UTC). */
export function monthStart(now: number): Date {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
