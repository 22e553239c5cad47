/**
 * The free tiers' daily quotas and how many servers like the replayed one fit in one
 * deployment: per quota, the quota over one server's daily use, except Neon compute, which
 * is shared (one compute for every server): its awake time is the union of every server's
 * "a query in the last 5 minutes" windows, so servers are added until the union passes the
 * quota (aligned flush times are shared by every server; other touches are shifted at random).
 */
import { SeededRandom } from '@edge/simulator/state';

export const DAY_MIN = 1_440;
const NEON_IDLE_MIN = 5;

/** Free-tier limits per day (ARCHITECTURE "Budgets"). */
export const FREE = {
  workerRequests: 100_000,
  doRequests: 100_000,
  doGbSeconds: 13_000,
  /** Durable Object SQLite rows written per day (index entries, deletes and each `setAlarm` count). */
  doRowsWritten: 100_000,
  /** Durable Object SQLite rows read per day. */
  doRowsRead: 5_000_000,
  /** 100 CU-h a month at the smallest compute (0.25 CU), per day, in minutes awake. */
  neonAwakeMinutes: Math.floor(((100 / 30) / 0.25) * 60),
  neonStorageMb: 512,
  upstashCommands: Math.floor(500_000 / 30),
  qstashMessages: 1_000,
};

/** One server's day. */
export interface ServerDay {
  workerRequests: number;
  doRequests: number;
  doGbSeconds: number;
  doRowsWritten: number;
  doRowsRead: number;
  /** Minutes of the day (0–1440) with a Neon query, shifted per server. */
  neonTouches: number[];
  /** Minutes with a Neon query at the same time for every server (aligned flushes). */
  neonAlignedTouches: number[];
  /** MB Neon keeps after 30 days of such days. */
  neonStorageMb30d: number;
  upstashCommands: number;
  qstashMessages: number;
}

/** Minutes covered by the union of [t, t + 5) windows (mod one day). */
export function awakeMinutes(touches: number[]): number {
  const on = new Uint8Array(DAY_MIN);
  for (const t of touches) for (let m = Math.floor(t); m < Math.floor(t) + NEON_IDLE_MIN; m++) on[((m % DAY_MIN) + DAY_MIN) % DAY_MIN] = 1;
  return on.reduce((a, b) => a + b, 0);
}

/**
 * How many such servers fit Neon's compute quota (fractional below one), and the deployment's
 * awake minutes at that count. Servers are added one by one: the aligned touches (flushes at
 * the same wall-clock minutes in every hub, the hourly cron) are the same minutes for all of
 * them, so they are counted once; each new server's other touches (ingest, dashboard, commands)
 * are shifted by a random offset; the count stops before the union of every "query in the last
 * 5 minutes" window passes the quota.
 */
export function neonServers(day: Pick<ServerDay, 'neonTouches' | 'neonAlignedTouches'>): { servers: number; awake: number } {
  const rnd = new SeededRandom(5);
  const all = [...day.neonAlignedTouches, ...day.neonTouches];
  let awake = awakeMinutes(all);
  if (awake > FREE.neonAwakeMinutes) return { servers: FREE.neonAwakeMinutes / awake, awake };
  for (let n = 2; n <= 1_000; n++) {
    const shift = rnd.next() * DAY_MIN;
    for (const t of day.neonTouches) all.push(t + shift);
    const next = awakeMinutes(all);
    if (next > FREE.neonAwakeMinutes) return { servers: n - 1, awake };
    awake = next;
  }
  return { servers: 1_000, awake };
}

/**
 * What every server of a deployment shares: the shard's batches. One shard carries every
 * guild, so a batch holds several servers' events and costs one Worker request and the one
 * EventInbox's requests and rows whatever their number; the hubs' part is per server.
 */
export interface SharedBatches {
  /** Batches a day for `n` servers (see deploymentBatches). */
  batches(n: number): number;
  /** Per batch: the Worker request, the inbox's DO requests and rows written. */
  perBatch: { workerRequests: number; doRequests: number; doRowsWritten: number };
  /**
   * Per day, once per deployment whatever its size: the inbox's alarm re-armed while batches
   * come, the free-tier meter's flushes (see dayFigures).
   */
  perDay?: Partial<Record<SharedQuota, number>>;
  /**
   * What one server uses more in a deployment of `n` than alone: once the shard's normal lane
   * fills before its wait ends, a server's events are spread over more batches, so its hub gets
   * more deliveries (a DO request and journal rows each).
   */
  growth?: (n: number) => Partial<Record<SharedQuota, number>>;
}

type SharedQuota = 'workerRequests' | 'doRequests' | 'doRowsWritten';

/**
 * Servers a quota allows when part of the use is per batch: `n` servers use
 * `n × (their own part) + perBatch × batches(n)`; the largest `n` within the quota
 * (fractional below one).
 */
function sharedServers(quota: number, use: number, k: SharedQuota, shared: SharedBatches): number {
  const fixed = shared.perDay?.[k] ?? 0;
  const own = Math.max(0, use - shared.perBatch[k] * shared.batches(1) - fixed);
  const total = (n: number) => n * (own + (shared.growth?.(n)[k] ?? 0)) + shared.perBatch[k] * shared.batches(n) + fixed;
  if (total(1) > quota) return quota / total(1);
  let lo = 1;
  let hi = 2;
  while (hi < 1_000 && total(hi) <= quota) [lo, hi] = [hi, hi * 2];
  if (hi >= 1_000 && total(1_000) <= quota) return 1_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (total(mid) <= quota) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Servers per quota and the smallest (`shared`: the per-batch part counted once per deployment). */
export function serversPerDeployment(day: ServerDay, shared?: SharedBatches): { perQuota: Record<string, number>; servers: number; limitedBy: string; neonAwakeAtFit: number } {
  const neon = neonServers(day);
  const ratio = (quota: number, use: number) => (use <= 0 ? Infinity : quota / use);
  const withShared = (quota: number, use: number, k: SharedQuota) => (shared ? sharedServers(quota, use, k, shared) : ratio(quota, use));
  const perQuota: Record<string, number> = {
    worker_requests: withShared(FREE.workerRequests, day.workerRequests, 'workerRequests'),
    do_requests: withShared(FREE.doRequests, day.doRequests, 'doRequests'),
    do_gb_s: ratio(FREE.doGbSeconds, day.doGbSeconds),
    do_rows_written: withShared(FREE.doRowsWritten, day.doRowsWritten, 'doRowsWritten'),
    do_rows_read: ratio(FREE.doRowsRead, day.doRowsRead),
    neon_compute: neon.servers,
    neon_storage: ratio(FREE.neonStorageMb, day.neonStorageMb30d),
    upstash_commands: ratio(FREE.upstashCommands, day.upstashCommands),
    qstash_messages: ratio(FREE.qstashMessages, day.qstashMessages),
  };
  const [limitedBy, servers] = Object.entries(perQuota).sort((a, b) => a[1] - b[1])[0]!;
  const fit = servers >= 1 ? Math.floor(servers) : Math.round(servers * 100) / 100;
  // Neon's awake minutes with that many servers (the deployment's figure, not one server's).
  let awake = neon.awake;
  if (fit >= 1 && fit < neon.servers) {
    const rnd = new SeededRandom(5);
    const all = [...day.neonAlignedTouches, ...day.neonTouches];
    for (let n = 2; n <= fit; n++) {
      const shift = rnd.next() * DAY_MIN;
      for (const t of day.neonTouches) all.push(t + shift);
    }
    awake = awakeMinutes(all);
  }
  return { perQuota, servers: fit, limitedBy, neonAwakeAtFit: awake };
}
