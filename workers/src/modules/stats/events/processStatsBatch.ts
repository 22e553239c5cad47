import { queryRows, type StatsDb } from '../db';
import { statsBatchSql } from './statsBatchSql';
import { statsGuildLockSql } from './statsGuildLockSql';
import { toStatsRow, type StatsBatchEvent, type StatsRow } from './toStatsRow';

/** What one batch did. */
export interface StatsBatchResult {
  /** Events stats counted (message, reaction, join, leave, voice change). */
  counted: number;
  /** Of those, events never seen before (the rest were re-deliveries, counted nothing). */
  fresh: number;
  /** Database round trips spent: 0 for a batch with nothing to count, else 4 (BEGIN, lock, stats, COMMIT). */
  roundTrips: number;
}

/**
 * Counts a batch of stored gateway events into the stats tables in ONE statement
 * (see {@link statsBatchSql}): idempotent per event id, so a batch processed twice (a retry,
 * the cron sweep) changes nothing the second time. The processor calls it as the module's
 * `batchHandler`; the events must be those of guilds where Stats is on.
 *
 * Concurrency: the statement reads members' earlier voice changes to re-credit intervals, so
 * two batches of a guild counted at the same time on two connections (deliveries in flight, the
 * cron sweep) would each miss the other's rows. The statement therefore runs in a transaction
 * that first takes the guilds' advisory locks in a statement of its own (see
 * {@link statsGuildLockSql}): a guild's stats writes are serialized, and each one's snapshot
 * includes everything committed before it. This also rules out deadlocks between two batches'
 * rollup upserts.
 */
export async function processStatsBatch(db: StatsDb, events: readonly StatsBatchEvent[]): Promise<StatsBatchResult> {
  const rows: StatsRow[] = [];
  const seen = new Set<string>();
  events.forEach((event, i) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    const row = toStatsRow(event, i);
    if (row) rows.push(row);
  });
  if (rows.length === 0) return { counted: 0, fresh: 0, roundTrips: 0 };
  const res = await db.transaction(async (tx) => {
    await tx.execute(statsGuildLockSql(rows.map((r) => r.g)));
    const [out] = await queryRows<{ fresh: number }>(tx as unknown as StatsDb, statsBatchSql(rows));
    return out;
  });
  return { counted: rows.length, fresh: Number(res?.fresh ?? 0), roundTrips: 4 };
}
