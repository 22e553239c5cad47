/**
 * The free tiers' daily quotas the instance meter compares its use with (Workers Free,
 * Durable Objects on Workers Free, Neon Free, Upstash Free), per UTC day. Monthly quotas are
 * spread over 30 days. Check the providers' pricing pages when they change.
 */
export const FREE_TIER_PER_DAY = {
  /** Workers Free: 100,000 requests a day (static assets are free and not counted). */
  workerRequests: 100_000,
  /** Durable Objects on Workers Free: 100,000 requests a day. */
  doRequests: 100_000,
  /** Durable Objects SQLite on Workers Free: 100,000 rows written a day (index entries, deletes and `setAlarm` count). */
  doRowsWritten: 100_000,
  /** Durable Objects SQLite on Workers Free: 5 million rows read a day. */
  doRowsRead: 5_000_000,
  /** Neon Free: 100 CU-hours a month; at the smallest compute (0.25 CU) that is 800 minutes awake a day. */
  neonAwakeMinutes: Math.floor(((100 / 30) / 0.25) * 60),
  /** Neon Free: 0.5 GB of storage per project (a total, not per day). */
  neonStorageMb: 512,
  /** Upstash Redis Free: 500,000 commands a month. */
  upstashCommands: Math.floor(500_000 / 30),
} as const;

/** Neon's compute suspends after 5 minutes without a query (the free tier's default). */
export const NEON_IDLE_MINUTES = 5;

/**
 * Minutes Neon was awake in a day: the union of `[m, m + 5)` after each minute `m` (0–1439)
 * with a query, up to `upTo` (the current minute for today: the future is not counted).
 */
export function awakeMinutes(minutes: number[], upTo = 1_440): number {
  const on = new Uint8Array(1_440);
  for (const m of minutes) for (let x = m; x < Math.min(m + NEON_IDLE_MINUTES, upTo, 1_440); x++) on[x] = 1;
  return on.reduce((a, b) => a + b, 0);
}
