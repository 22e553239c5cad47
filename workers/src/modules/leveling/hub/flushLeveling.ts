import type { FlushContext, FlushOutcome } from '../../../platform/ModuleDefinition';
import { queryRows, type LevelingDb } from '../db';
import { flushXpSql } from './flushXpSql';
import { XpLedger } from './XpLedger';

const MAX_GENERATIONS = 3;

/**
 * The module's `flush` (the hub's aligned alarm, like Stats): each pending generation in one
 * idempotent statement, marked flushed only after Postgres answered (the snapshot of the
 * members' state is written then). Nothing pending: no connection.
 */
export async function flushLeveling(ctx: FlushContext): Promise<FlushOutcome> {
  const ledger = XpLedger.of(ctx.local);
  let statements = 0;
  for (let i = 0; i < MAX_GENERATIONS; i++) {
    const next = ledger.nextToFlush();
    if (!next) break;
    const [res] = await queryRows<{ applied: number; members: number }>(ctx.db as unknown as LevelingDb, flushXpSql(ctx.guildId, next.flushId, next.deltas));
    statements++;
    ledger.markFlushed(next.gen, ctx.now.getTime());
    ctx.log.info('leveling flushed', { flushId: next.flushId, applied: Number(res?.applied ?? 0) === 1, members: Number(res?.members ?? 0) });
  }
  return { statements, pending: ledger.pending().length > 0 };
}
