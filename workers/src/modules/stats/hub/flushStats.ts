import type { FlushContext, FlushOutcome } from '../../../platform/ModuleDefinition';
import { queryRows, type StatsDb } from '../db';
import { runStatsRetention } from '../jobs/runStatsRetention';
import { flushSql } from './flushSql';
import { StatsLedger } from './StatsLedger';
import { takeStatsSnapshot } from './StatsSnapshot';

/** At most this many generations per flush: a sealed one a failed flush left, then the open one. */
const MAX_GENERATIONS = 3;

/**
 * The module's `flush` (the hub's alarm, at aligned times): sends each pending generation to
 * Postgres in one statement (idempotent per flush id) and marks it flushed only after
 * Postgres answered; once per UTC day, while the connection is open anyway, applies the
 * guild's retention; then reads back the hub's snapshot for the common reads. Nothing pending: no connection, Neon stays asleep. A throw keeps the
 * deltas for the next try.
 */
export async function flushStats(ctx: FlushContext): Promise<FlushOutcome> {
  const ledger = StatsLedger.of(ctx.local);
  const now = ctx.now.getTime();
  let statements = 0;
  for (let i = 0; i < MAX_GENERATIONS; i++) {
    const next = ledger.nextToFlush();
    if (!next) break;
    const [res] = await queryRows<{ applied: number }>(ctx.db as unknown as StatsDb, flushSql(ctx.guildId, next.flushId, next.deltas));
    statements++;
    ledger.markFlushed(next.gen, now);
    ctx.log.info('stats flushed', { flushId: next.flushId, applied: Number(res?.applied ?? 0) === 1, buckets: next.deltas.r.length, members: next.deltas.t.length });
  }
  if (statements > 0 && ledger.retentionDue(now)) {
    const deleted = await runStatsRetention(ctx.db as unknown as StatsDb, ctx.now, ctx.guildId);
    statements++;
    ledger.retentionDone(now);
    ctx.log.info('stats retention', { ...deleted });
  }
  if (statements > 0) {
    // The connection is open anyway: read back what the common reads need, so they need no Postgres until the next flush.
    try {
      await takeStatsSnapshot(ctx.db as unknown as StatsDb, ctx.local, ctx.guildId, ledger.flushedGen(), ledger.pending().map((g) => g.flushId), ctx.now);
      statements++;
    } catch (err) {
      ctx.log.warn('stats snapshot failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { statements, pending: ledger.pending().length > 0 };
}
