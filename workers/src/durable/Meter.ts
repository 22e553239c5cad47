import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import type { DayUsage, DayUsageSummary } from '../lib/DayUsage';
import { countUsage, type UsageCounter, type UsageDelta } from '../lib/usage';
import { awakeMinutes } from '../platform/freeTier';

/** Days kept (the dashboard shows today; a few more help when looking back at a spike). */
const KEEP_DAYS = 7;
const DAY_MS = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const empty = (day: string): DayUsage => ({
  day,
  counts: { workerRequests: 0, doRequests: 0, upstashCommands: 0, neonConnections: 0, neonQueries: 0, inboxAlarms: 0, hubDeliveries: 0, doRowsWritten: 0, inboxRowsWritten: 0, claimsWritten: 0, doRowsRead: 0 },
  neonMinutes: [],
});

/**
 * The instance's free-tier meter (one object, named `instance`): Worker isolates count their
 * own use in memory and add it here at most every 5 minutes each (`flushUsage`), so the meter
 * costs about one Durable Object request per isolate per 5 minutes, never one per request.
 */
export class Meter extends DurableObject<Env> {
  /** Adds an isolate's counts (to the day of `now`) and its query minutes (to their own days). */
  async add(delta: UsageDelta, now = Date.now()): Promise<void> {
    const days = new Map<string, DayUsage>();
    const load = async (day: string) => {
      let d = days.get(day);
      if (!d) days.set(day, (d = (await this.ctx.storage.get<DayUsage>(`day:${day}`)) ?? empty(day)));
      return d;
    };
    const today = await load(dayOf(now));
    for (const [k, n] of Object.entries(delta.counts) as [UsageCounter, number][]) today.counts[k] = (today.counts[k] ?? 0) + n;
    for (const minute of delta.neonMinutes) {
      const ms = minute * 60_000;
      const d = await load(dayOf(ms));
      const ofDay = Math.floor((ms % DAY_MS) / 60_000);
      if (!d.neonMinutes.includes(ofDay)) d.neonMinutes.push(ofDay);
    }
    const entries = Object.fromEntries([...days].map(([day, d]) => [`day:${day}`, d]));
    await this.ctx.storage.put(entries);
    const old = [...(await this.ctx.storage.list({ prefix: 'day:' })).keys()].filter((k) => k < `day:${dayOf(now - KEEP_DAYS * DAY_MS)}`);
    if (old.length > 0) await this.ctx.storage.delete(old);
    // The meter's own writes are billed rows too (one per day touched, and the days dropped).
    countUsage('doRowsWritten', Object.keys(entries).length + old.length);
  }

  /** Adds `delta` when given (the caller's own pending counts), then answers today's use. */
  async today(delta?: UsageDelta, now = Date.now()): Promise<DayUsageSummary> {
    if (delta) await this.add(delta, now);
    const day = dayOf(now);
    const d = (await this.ctx.storage.get<DayUsage>(`day:${day}`)) ?? empty(day);
    return { ...d, neonAwakeMinutes: awakeMinutes(d.neonMinutes, Math.floor((now % DAY_MS) / 60_000) + 1) };
  }
}
