import type { Plan } from '../../../platform/ModuleDefinition';
import { retentionDays } from '../limits';
import { StatsError } from '../StatsError';

const FIVE_MIN = 5 * 60_000;
const DAY = 86_400_000;

/** A resolved query period: `[from, to)`, aligned on 5-minute buckets, inside the plan's window. */
export interface Period {
  from: Date;
  to: Date;
  /** Whole UTC days inside the period: `[dayFrom, dayTo)` (empty when equal). */
  dayFrom: Date;
  dayTo: Date;
  /** True when `from` was moved forward to the plan's retention window. */
  clamped: boolean;
}

/** What a caller may say about a period: explicit bounds, or the last `days`. */
export interface PeriodInput {
  from?: Date;
  to?: Date;
  days?: number;
}

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Turns a period asked for into the one queried: `to` defaults to now, `from` to `days`
 * (default 7) before `to`; both are widened to whole 5-minute buckets, and `from` never goes
 * further back than the plan keeps data (a free guild asking for 30 days gets 7, `clamped`).
 */
export function resolvePeriod(input: PeriodInput, plan: Plan, now: Date): Period {
  const toMs = ceilTo((input.to ?? now).getTime(), FIVE_MIN);
  const days = input.days ?? 7;
  if (!Number.isFinite(days) || days <= 0) throw new StatsError('StatsInvalidQuery', 'days must be a positive number');
  let fromMs = floorTo((input.from ?? new Date(toMs - days * DAY)).getTime(), FIVE_MIN);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new StatsError('StatsInvalidQuery', 'from and to must be valid dates');
  if (fromMs >= toMs) throw new StatsError('StatsInvalidQuery', 'from must be before to', { from: new Date(fromMs), to: new Date(toMs) });
  const oldest = floorTo(now.getTime() - retentionDays(plan) * DAY, FIVE_MIN);
  const clamped = fromMs < oldest;
  if (clamped) fromMs = oldest;
  if (fromMs >= toMs) throw new StatsError('StatsInvalidQuery', `the period is older than the ${retentionDays(plan)} days your plan keeps`);
  let dayFrom = ceilTo(fromMs, DAY);
  let dayTo = floorTo(toMs, DAY);
  if (dayFrom >= dayTo) dayFrom = dayTo = fromMs;
  return { from: new Date(fromMs), to: new Date(toMs), dayFrom: new Date(dayFrom), dayTo: new Date(dayTo), clamped };
}
