import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { meter } from '../../lib/meterClient';
import { countUsage, takeUsage, usageSnapshot } from '../../lib/usage';
import { FREE_TIER_PER_DAY } from '../../platform/freeTier';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';

const Quota = z.object({
  id: z.enum(['worker_requests', 'do_requests', 'do_rows_written', 'do_rows_read', 'neon_awake_minutes', 'neon_storage_mb', 'upstash_commands']),
  label: z.string(),
  used: z.number(),
  limit: z.number(),
  unit: z.string(),
  /** `limit - used`, never below 0. */
  headroom: z.number(),
  /** `used / limit` (may pass 1). */
  share: z.number(),
  /** How the figure is obtained (counted, estimated, measured). */
  note: z.string(),
});

/** What `GET /api/usage` answers. */
export const InstanceUsage = z.object({
  day: z.string(),
  /** False when the Worker has no `METER` binding: counts are then this isolate's only. */
  metered: z.boolean(),
  quotas: z.array(Quota),
});

const MB = 1024 * 1024;

const usage = coreRoute({
  method: 'get',
  path: '/usage',
  tags: ['instance'],
  summary: "The instance's free-tier meter: today's Worker and Durable Object requests, Durable Object rows written and read, Neon awake time and storage, Upstash commands, with the free limits",
  requires: 'instanceOwner',
  responses: jsonAnswer(InstanceUsage),
});

/**
 * `GET /usage`: the instance's own use of the free tiers today (UTC), for instance owners (the
 * figures cover every server of the instance, so a guild admin of one server does not see them).
 * Counts come from the `Meter` object plus this isolate's not-yet-flushed ones; Neon storage is
 * measured (`pg_database_size`), Neon awake time estimated from the minutes with a query.
 */
export const usageRoutes = coreApi().openapi(usage, async (c) => {
  const now = Date.now();
  const stub = meter(c.env);
  const pending = stub ? takeUsage(now, true) : undefined;
  if (stub) countUsage('doRequests');
  const [today, size] = await Promise.all([
    stub?.today(pending, now),
    c.var.db().execute(sql`SELECT pg_database_size(current_database())::text AS bytes`),
  ]);
  const bytes = Number((size as unknown as { rows: { bytes: string }[] }).rows[0]?.bytes ?? 0);
  // Without the meter binding (in-process tests): this isolate's own counts since it started.
  const counts = today?.counts ?? usageSnapshot();
  const quota = (id: z.infer<typeof Quota>['id'], label: string, used: number, limit: number, unit: string, note: string) => ({
    id, label, used, limit, unit, note, headroom: Math.max(0, limit - used), share: limit > 0 ? used / limit : 0,
  });
  return c.json({
    day: new Date(now).toISOString().slice(0, 10),
    metered: Boolean(stub),
    quotas: [
      quota('worker_requests', 'Worker requests', counts.workerRequests ?? 0, FREE_TIER_PER_DAY.workerRequests, 'requests/day', 'Counted by the Worker (flushed at most every 5 minutes)'),
      quota('do_requests', 'Durable Object requests', counts.doRequests ?? 0, FREE_TIER_PER_DAY.doRequests, 'requests/day', "Counted by the Worker at each call (the hubs' own alarms are not included)"),
      quota('do_rows_written', 'Durable Object rows written', counts.doRowsWritten ?? 0, FREE_TIER_PER_DAY.doRowsWritten, 'rows/day', 'Counted at each SQLite statement, storage put and alarm set (index entries and deletes included)'),
      quota('do_rows_read', 'Durable Object rows read', counts.doRowsRead ?? 0, FREE_TIER_PER_DAY.doRowsRead, 'rows/day', 'Counted at each SQLite statement of the inbox and the hubs'),
      quota('neon_awake_minutes', 'Neon compute awake', today?.neonAwakeMinutes ?? 0, FREE_TIER_PER_DAY.neonAwakeMinutes, 'minutes/day', 'Estimated: 5 minutes after each minute with a query from the Worker (100 CU-h a month at 0.25 CU)'),
      quota('neon_storage_mb', 'Neon storage', Math.round((bytes / MB) * 10) / 10, FREE_TIER_PER_DAY.neonStorageMb, 'MB', 'Measured now (pg_database_size)'),
      quota('upstash_commands', 'Upstash commands', counts.upstashCommands ?? 0, FREE_TIER_PER_DAY.upstashCommands, 'commands/day', 'Counted by the Worker (500,000 a month)'),
    ],
  }, 200);
});
