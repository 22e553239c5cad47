import type { ChannelStats } from '../queries/getChannelBreakdown';
import type { LeaderboardEntry } from '../queries/getLeaderboard';
import type { StatsOverview } from '../queries/getOverview';
import { metricValue, type LeaderboardMetric } from '../queries/metrics';
import type { Period } from '../queries/period';
import type { StatsPending } from '../queries/pending';
import type { StatsSnapshotData } from './StatsSnapshot';

const DAY = 86_400_000;
const floorDay = (t: number) => Math.floor(t / DAY) * DAY;

/** Whether the snapshot holds every row the period's rollup parts read (see `rollupParts`). */
function covers(snap: StatsSnapshotData, p: Period, today: number): boolean {
  if (today !== snap.today) return false;
  const [from, to, dayFrom, dayTo] = [p.from.getTime(), p.to.getTime(), p.dayFrom.getTime(), p.dayTo.getTime()];
  if (floorDay(from) < snap.today - 8 * DAY) return false;
  const edges: [number, number][] = dayFrom < dayTo ? [[from, dayFrom], [dayTo, to]] : [[from, to]];
  for (const [a, b] of edges) {
    for (let d = floorDay(a); d < b; d += DAY) if (!snap.fiveMinDays.includes(d)) return false;
  }
  return true;
}

/** The period's rollup rows, exactly as `rollupParts` selects them: snapshot rows plus pending deltas. */
function* parts(snap: StatsSnapshotData, pending: StatsPending, p: Period) {
  const [from, to, dayFrom, dayTo] = [p.from.getTime(), p.to.getTime(), p.dayFrom.getTime(), p.dayTo.getTime()];
  for (const r of snap.daily) if (r[0] >= dayFrom && r[0] < dayTo) yield r;
  for (const r of snap.fiveMin) if (r[0] >= from && r[0] < to && !(r[0] >= dayFrom && r[0] < dayTo)) yield r;
  for (const g of pending) for (const r of g.r) if (r[0] >= from && r[0] < to) yield r;
}

/** Member-day rows of `[fromDay, to)`, snapshot plus pending, summed per (day, member). */
function memberDays(snap: StatsSnapshotData, pending: StatsPending, fromDay: number, to: number): Map<string, [number, string, number, number, number]> {
  const out = new Map<string, [number, string, number, number, number]>();
  const add = (d: readonly [number, string, number, number, number]) => {
    if (d[0] < fromDay || d[0] >= to) return;
    const k = `${d[0]}:${d[1]}`;
    const cur = out.get(k) ?? out.set(k, [d[0], d[1], 0, 0, 0]).get(k)!;
    cur[2] += d[2];
    cur[3] += d[3];
    cur[4] += d[4];
  };
  for (const d of snap.memberDays) add(d);
  for (const g of pending) for (const d of g.m) add(d);
  return out;
}

/**
 * `/stats server`'s overview and busiest channels from the hub's snapshot and its pending
 * deltas, the same figures `getOverview` and `getChannelBreakdown` compute in Postgres; null
 * when the snapshot does not cover the period (the caller asks Postgres).
 */
export function snapshotServerStats(
  snap: StatsSnapshotData, pending: StatsPending, p: Period, channelLimit: number, now: Date,
): { overview: StatsOverview; channels: ChannelStats[] } | null {
  if (!covers(snap, p, floorDay(now.getTime()))) return null;
  const sum = [0, 0, 0, 0, 0];
  const channels = new Map<string, [number, number, number]>();
  for (const r of parts(snap, pending, p)) {
    for (let i = 0; i < 5; i++) sum[i]! += r[2 + i] as number;
    if (r[1] === '') continue;
    const c = channels.get(r[1]) ?? channels.set(r[1], [0, 0, 0]).get(r[1])!;
    c[0] += r[2];
    c[1] += r[3];
    c[2] += r[6];
  }
  const active = new Set<string>();
  for (const d of memberDays(snap, pending, floorDay(p.from.getTime()), p.to.getTime()).values()) if (d[2] > 0 || d[3] > 0 || d[4] > 0) active.add(d[1]);
  const top = [...channels]
    .filter(([, c]) => c[0] > 0 || c[1] > 0 || c[2] > 0)
    .sort((a, b) => b[1][0] - a[1][0] || b[1][2] - a[1][2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, channelLimit);
  return {
    overview: {
      from: p.from.toISOString(), to: p.to.toISOString(),
      messages: sum[0]!, reactions: sum[1]!, joins: sum[2]!, leaves: sum[3]!, voiceSeconds: sum[4]! / 1000, activeMembers: active.size,
    },
    channels: top.map(([channelId, c]) => ({ channelId, messages: c[0], reactions: c[1], voiceSeconds: c[2] / 1000 })),
  };
}

/** `getLeaderboard` from the snapshot (all time, or a period it covers); null when it cannot answer. */
export function snapshotLeaderboard(
  snap: StatsSnapshotData, pending: StatsPending, metric: LeaderboardMetric, p: Period | null, limit: number, now: Date,
): LeaderboardEntry[] | null {
  const col = metric === 'messages' ? 0 : metric === 'reactions' ? 1 : 2;
  const values = new Map<string, number>();
  const add = (user: string, v: number) => values.set(user, (values.get(user) ?? 0) + v);
  if (p === null) {
    const fromTotals = (t: readonly [string, number, number, number, number, number, ...unknown[]]) => add(t[0], col === 0 ? t[1] : col === 1 ? t[2] : t[5]);
    for (const t of snap.totals) fromTotals(t);
    for (const g of pending) for (const t of g.t) fromTotals(t);
  } else {
    const fromDay = floorDay(p.from.getTime());
    if (floorDay(now.getTime()) !== snap.today || fromDay < snap.today - 8 * DAY) return null;
    for (const d of memberDays(snap, pending, fromDay, p.to.getTime()).values()) add(d[1], d[(2 + col) as 2 | 3 | 4]);
  }
  return [...values]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([userId, v], i) => ({ rank: i + 1, userId, value: metricValue(metric, v) }));
}
