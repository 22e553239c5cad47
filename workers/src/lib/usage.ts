/** What the Worker counts of its own use of the free tiers' quotas (this isolate, since it started). */
export interface UsageCounters {
  since: string;
  workerRequests: number;
  doRequests: number;
  /** Of `doRequests`: the EventInbox's alarm runs. */
  inboxAlarms: number;
  /** Of `doRequests`: the EventInbox's deliveries to guild hubs (one per guild per slice). */
  hubDeliveries: number;
  /** Durable Object SQLite rows written (billed per row, index entries included; Workers Free: 100,000 a day). */
  doRowsWritten: number;
}

const counters: UsageCounters = { since: new Date().toISOString(), workerRequests: 0, doRequests: 0, inboxAlarms: 0, hubDeliveries: 0, doRowsWritten: 0 };

/** Adds to a counter of this isolate. */
export function countUsage(name: Exclude<keyof UsageCounters, 'since'>, n = 1): void {
  counters[name] += n;
}

/** A copy of this isolate's counters. */
export function usageSnapshot(): UsageCounters {
  return { ...counters };
}
