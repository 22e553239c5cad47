import type { UsageCounter } from './usage';

/** One UTC day of the instance's counted use. */
export interface DayUsage {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  counts: Record<UsageCounter, number>;
  /** Minutes of the day (0–1439) with a Postgres query. */
  neonMinutes: number[];
}

/** A day's use as the dashboard reads it: the counts and Neon's estimated awake minutes. */
export interface DayUsageSummary extends DayUsage {
  neonAwakeMinutes: number;
}
