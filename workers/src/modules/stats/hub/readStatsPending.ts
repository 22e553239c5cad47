import type { LocalReadContext } from '../../ModuleDefinition';
import type { StatsPending } from '../queries/pending';
import { StatsLedger } from './StatsLedger';

/**
 * The module's `readLocal`: the hub's unflushed generations for the Worker's reads (API,
 * commands), which add them to Postgres' figures so answers are exact between flushes.
 */
export function readStatsPending(ctx: LocalReadContext): StatsPending {
  return StatsLedger.of(ctx.local).pending().map((g) => ({ flushId: g.flushId, r: g.deltas.r, m: g.deltas.m, t: g.deltas.t }));
}
