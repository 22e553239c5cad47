import type { LocalReadContext } from '../../../platform/ModuleDefinition';
import type { ChannelStats } from '../queries/getChannelBreakdown';
import type { LeaderboardEntry } from '../queries/getLeaderboard';
import type { StatsOverview } from '../queries/getOverview';
import type { LeaderboardMetric } from '../queries/metrics';
import type { Period } from '../queries/period';
import type { StatsPending } from '../queries/pending';
import { snapshotLeaderboard, snapshotServerStats } from './snapshotQueries';
import { StatsLedger } from './StatsLedger';
import { readStatsSnapshot } from './StatsSnapshot';

/** A period as it crosses the RPC (ISO strings). */
export type PeriodJson = { from: string; to: string; dayFrom: string; dayTo: string; clamped: boolean };

/** What the Worker may ask the hub to answer from its snapshot. */
export type StatsLocalQuery =
  | { q: 'server'; period: PeriodJson; channels: number }
  | { q: 'leaderboard'; metric: LeaderboardMetric; period: PeriodJson | null; limit: number };

/** The hub's answer: the figures, or (no usable snapshot) the pending deltas for a Postgres query. */
export type StatsLocalAnswer =
  | { hit: true; server?: { overview: StatsOverview; channels: ChannelStats[] }; leaderboard?: LeaderboardEntry[] }
  | { hit: false; pending: StatsPending };

const toPeriod = (p: PeriodJson): Period => ({
  from: new Date(p.from), to: new Date(p.to), dayFrom: new Date(p.dayFrom), dayTo: new Date(p.dayTo), clamped: p.clamped,
});

/**
 * The module's `readLocal`: without `args`, the hub's unflushed generations for the Worker's
 * reads (API, commands), which add them to Postgres' figures so answers are exact between
 * flushes. With a {@link StatsLocalQuery}, the answer itself from the snapshot the last flush
 * read back plus those generations (no Postgres), when the snapshot is current and covers it.
 */
export function readStatsPending(ctx: LocalReadContext, args?: unknown): StatsPending | StatsLocalAnswer {
  const ledger = StatsLedger.of(ctx.local);
  const pending: StatsPending = ledger.pending().map((g) => ({ flushId: g.flushId, r: g.deltas.r, m: g.deltas.m, t: g.deltas.t }));
  const query = args as StatsLocalQuery | null | undefined;
  if (!query || typeof query !== 'object' || !('q' in query)) return pending;
  const snap = readStatsSnapshot(ctx.local);
  // Current only while no flush committed since it was taken (its generations left `pending`).
  if (!snap || snap.gen !== ledger.flushedGen()) return { hit: false, pending };
  if (query.q === 'server') {
    const server = snapshotServerStats(snap, pending, toPeriod(query.period), query.channels, ctx.now);
    return server ? { hit: true, server } : { hit: false, pending };
  }
  const leaderboard = snapshotLeaderboard(snap, pending, query.metric, query.period && toPeriod(query.period), query.limit, ctx.now);
  return leaderboard ? { hit: true, leaderboard } : { hit: false, pending };
}

/** A period for the RPC. */
export function periodJson(p: Period): PeriodJson {
  return { from: p.from.toISOString(), to: p.to.toISOString(), dayFrom: p.dayFrom.toISOString(), dayTo: p.dayTo.toISOString(), clamped: p.clamped };
}
