import { schedulerStore } from './data/schedulerStore';
import { SCHEDULER_LIMITS, monthStart, quotaResetsAt } from './limits';
import type { SchedulerServices } from './schedulerServices';

/** The month's delivery quota of a guild. */
export interface Quota {
  /** Deliveries this month (UTC). */
  used: number;
  /** Reminders set and not yet sent that fall in this month. */
  reserved: number;
  /** -1: unlimited. */
  limit: number;
  resetsAt: string;
}

/** Reads the guild's quota for the current month. */
export async function readQuota(s: SchedulerServices, now = Date.now()): Promise<Quota> {
  const limit = SCHEDULER_LIMITS[s.plan].monthlyDeliveries ?? -1;
  const resetsAt = quotaResetsAt(now);
  const { delivered, pendingReminders } = await schedulerStore.usage(s.db, s.guildId, monthStart(now), resetsAt);
  return { used: delivered, reserved: pendingReminders, limit, resetsAt: resetsAt.toISOString() };
}

/** True when one more delivery fits this month (`reserve`: count pending reminders too). */
export function hasRoom(q: Quota, reserve: boolean): boolean {
  return q.limit < 0 || q.used + (reserve ? q.reserved : 0) < q.limit;
}
