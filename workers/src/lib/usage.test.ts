import { describe, expect, it, vi } from 'vitest';
import { awakeMinutes } from '../platform/freeTier';
import { flushUsage } from './meterClient';
import { countNeonQuery, countUsage, restoreUsage, takeUsage, USAGE_FLUSH_MS, usageSnapshot } from './usage';

/** A `METER` namespace whose object records what it is sent. */
function fakeMeter() {
  const added: { counts: Record<string, number>; neonMinutes: number[] }[] = [];
  const stub = { add: vi.fn(async (d: (typeof added)[number]) => void added.push(d)) };
  return { added, stub, env: { METER: { idFromName: () => 'instance', get: () => stub } as unknown as DurableObjectNamespace } };
}

describe('free-tier usage counters', () => {
  it('flushes to the meter at most once per USAGE_FLUSH_MS however many requests, in waitUntil', async () => {
    const { added, stub, env } = fakeMeter();
    const waits: Promise<unknown>[] = [];
    const t0 = Date.now() + USAGE_FLUSH_MS; // past whatever earlier tests left
    takeUsage(t0, true);
    for (let i = 0; i < 500; i++) {
      countUsage('workerRequests');
      countUsage('upstashCommands', 2);
      flushUsage(env, (p) => waits.push(p), t0 + i * 100); // 500 requests over 50 s
    }
    expect(stub.add).not.toHaveBeenCalled();
    flushUsage(env, (p) => waits.push(p), t0 + USAGE_FLUSH_MS);
    await Promise.all(waits);
    expect(stub.add).toHaveBeenCalledTimes(1);
    expect(added[0]!.counts.workerRequests).toBe(500);
    expect(added[0]!.counts.upstashCommands).toBe(1_000);
    // The flush is a Durable Object request itself: counted for the next one.
    expect(takeUsage(t0 + 3 * USAGE_FLUSH_MS)?.counts.doRequests).toBe(1);
  });

  it('keeps the counts of a failed flush for the next one', async () => {
    const t0 = Date.now() + 10 * USAGE_FLUSH_MS;
    takeUsage(t0, true);
    countUsage('workerRequests', 7);
    const failing = { METER: { idFromName: () => 'instance', get: () => ({ add: async () => { throw new Error('meter away'); } }) } as unknown as DurableObjectNamespace };
    const waits: Promise<unknown>[] = [];
    flushUsage(failing, (p) => waits.push(p), t0 + USAGE_FLUSH_MS);
    await Promise.all(waits);
    expect(takeUsage(t0 + 2 * USAGE_FLUSH_MS)?.counts.workerRequests).toBe(7);
  });

  it('notes the minutes Postgres was queried and keeps cumulative totals for /health/usage', () => {
    const t0 = Date.now() + 20 * USAGE_FLUSH_MS;
    takeUsage(t0, true);
    const before = usageSnapshot().neonQueries;
    countNeonQuery(t0);
    countNeonQuery(t0 + 1_000);
    countNeonQuery(t0 + 3 * 60_000);
    const delta = takeUsage(t0 + 4 * 60_000, true)!;
    expect(delta.neonMinutes).toHaveLength(2);
    expect(usageSnapshot().neonQueries).toBe(before + 3);
    restoreUsage(delta);
    expect(takeUsage(t0 + 5 * 60_000, true)?.neonMinutes).toHaveLength(2);
  });

  it("estimates Neon's awake minutes as 5 minutes after each minute with a query, overlaps once, never past now", () => {
    expect(awakeMinutes([])).toBe(0);
    expect(awakeMinutes([10])).toBe(5);
    expect(awakeMinutes([10, 12])).toBe(7);
    expect(awakeMinutes([10, 100])).toBe(10);
    expect(awakeMinutes([1_438])).toBe(2);
    expect(awakeMinutes([10], 12)).toBe(2);
  });
});
