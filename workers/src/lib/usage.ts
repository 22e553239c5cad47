/** What the Worker counts of its own use of the free tiers' quotas (this isolate, since it started). */
export interface UsageCounters {
  since: string;
  workerRequests: number;
  doRequests: number;
  upstashCommands: number;
  neonConnections: number;
  neonQueries: number;
  /** Of `doRequests`: the EventInbox's alarm runs. */
  inboxAlarms: number;
  /** Of `doRequests`: the EventInbox's deliveries to guild hubs (one per guild per slice). */
  hubDeliveries: number;
  /** Durable Object SQLite rows written (billed per row, index entries included; Workers Free: 100,000 a day). */
  doRowsWritten: number;
  /** Of `doRowsWritten`: the EventInbox's (one inbox per deployment, shared by every guild's batches). */
  inboxRowsWritten: number;
  /** `once` claims written in hubs (each is deleted again after its TTL: one more row written, later). */
  claimsWritten: number;
  /** Durable Object SQLite rows read (billed too; Workers Free: 5 million a day). */
  doRowsRead: number;
}

/** The counted quantities. */
export type UsageCounter = Exclude<keyof UsageCounters, 'since'>;

/** Counts not yet flushed to the `Meter` object, and the minutes (epoch minute numbers) in which Postgres was queried. */
export interface UsageDelta {
  counts: Record<UsageCounter, number>;
  neonMinutes: number[];
}

const zero = (): Record<UsageCounter, number> => ({
  workerRequests: 0, doRequests: 0, upstashCommands: 0, neonConnections: 0, neonQueries: 0, inboxAlarms: 0, hubDeliveries: 0, doRowsWritten: 0, inboxRowsWritten: 0, claimsWritten: 0, doRowsRead: 0,
});

const counters: UsageCounters = { since: new Date().toISOString(), ...zero() };
let pending = zero();
let pendingMinutes = new Set<number>();
let lastTaken = Date.now();

/** Adds to a counter of this isolate. */
export function countUsage(name: UsageCounter, n = 1): void {
  counters[name] += n;
  pending[name] += n;
}

/** Notes a Postgres query now (Neon's compute stays awake 5 minutes after the last one). */
export function countNeonQuery(now = Date.now()): void {
  countUsage('neonQueries');
  pendingMinutes.add(Math.floor(now / 60_000));
}

/** A copy of this isolate's counters. */
export function usageSnapshot(): UsageCounters {
  return { ...counters };
}

/**
 * Flushes are at most this often per isolate: one Durable Object request (and one billed row
 * the Meter writes) every 5 minutes, never one per request. The dashboard's read adds the
 * reader's own pending counts, so the meter it shows is current for that isolate.
 */
export const USAGE_FLUSH_MS = 5 * 60_000;

/**
 * What was counted since the last flush, once {@link USAGE_FLUSH_MS} has passed since then
 * (undefined before, or when nothing was counted); the pending counts restart from zero.
 */
export function takeUsage(now = Date.now(), force = false): UsageDelta | undefined {
  if (!force && now - lastTaken < USAGE_FLUSH_MS) return undefined;
  lastTaken = now;
  const counts = pending;
  if (Object.values(counts).every((n) => n === 0) && pendingMinutes.size === 0) return undefined;
  const delta = { counts, neonMinutes: [...pendingMinutes] };
  pending = zero();
  pendingMinutes = new Set();
  return delta;
}

/** Puts back a delta whose flush failed, so the next flush carries it. */
export function restoreUsage(delta: UsageDelta): void {
  for (const [k, n] of Object.entries(delta.counts) as [UsageCounter, number][]) pending[k] += n;
  for (const m of delta.neonMinutes) pendingMinutes.add(m);
}
