/**
 * From the measured samples to the figures: CPU p50/p99 per invocation type,
 * subrequests max, and one server's day scaled from the replayed sample of ingest batches,
 * then how many such servers one free deployment holds.
 */
import { SeededRandom } from '@edge/simulator/state';
import type { Figure } from '../run';
import { deploymentBatches, type Day, type DeploymentCut } from './dayTraffic';
import { quantile, type Sample } from './invocations';
import { awakeMinutes, DAY_MIN, FREE, neonServers, serversPerDeployment, type ServerDay, type SharedBatches } from './quotas';
import { DAILY, dashboardPaths } from './workload';
import { STATS_LIMITS } from '../../workers/src/modules/stats/limits';
import type { StatsDay } from './statsFlushDay';
import type { LevelingDay } from './levelingDay';

/** Stats tables the plan's retention prunes (runStatsRetention). */
const STATS_SHORT = new Set(['stats_5min', 'stats_member_daily']);
/** Stats tables with a row per member, updated in place: they grow with distinct members, not days. */
const STATS_PER_MEMBER = new Set(['stats_member_totals', 'stats_voice_state']);

type Measured = Sample & { at?: number; events?: number; raid?: boolean; purge?: boolean };

/** Inputs of {@link dayFigures}. */
export interface DayInput {
  day: Day;
  samples: Measured[];
  /** Non-raid batches replayed, and how many the day has. */
  sampledBatches: number;
  totalBatches: number;
  /** Postgres bytes the replayed batches added, per table. */
  sampledTableBytes: Record<string, number>;
  /** Days processed raw events are kept (the cron prunes them). */
  eventRetentionDays: number;
  /** Cron runs per day. */
  cronsPerDay: number;
  emptyCost: number;
  stride: number;
  /** Minutes of the day at which aligned flushes touch Neon (the same for every server). */
  alignedNeonMinutes?: number[];
  /** Alarm invocations per day (per server), when the design has them instead of a cron. */
  alarmsPerDay?: number;
  /**
   * Stats' whole day computed exactly (statsFlushDay): its tables replace the sampled ones
   * (rollups grow by distinct keys, so scaling a sample would overstate them), its flushes are
   * hub alarms (DO requests) and Neon connections at aligned minutes.
   */
  stats?: StatsDay;
  /** Leveling's whole day computed exactly (levelingDay): its DO rows and its exactness against the tally. */
  leveling?: LevelingDay;
  /** Members of the replayed server (caps the per-member Stats tables). */
  members?: number;
  /** More invocation kinds of a variant day, with their count per day (e.g. moderation commands). */
  extraKinds?: [kind: string, perDay: number][];
}

/** Member events whose cache invalidation waits for an open dashboard (lib/discordCache). */
const MEMBER_EVENTS = new Set(['GUILD_MEMBER_ADD', 'GUILD_MEMBER_REMOVE', 'GUILD_MEMBER_UPDATE']);

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The figures (`budget.*`). */
export function dayFigures(input: DayInput): Record<string, Figure> {
  const { samples, day } = input;
  const of = (kind: string) => samples.filter((s) => s.kind === kind);
  // A batch's day cost is its ack and its delivery together (`batch`); CPU and subrequests are per invocation (`ingest`, `delivery`).
  const ingest = of('batch');
  // Bursts (the raid, a variant's deletion burst) are replayed whole, never scaled.
  const normal = ingest.filter((s) => !s.raid && !s.purge);
  const raid = ingest.filter((s) => s.raid || s.purge);
  const raidDelivery = of('delivery').filter((s) => s.raid && !s.purge);
  const purgeDelivery = of('delivery').filter((s) => s.purge);
  const scale = input.totalBatches / Math.max(1, input.sampledBatches);
  const perDay = (k: keyof Sample, kind: string, daily: number) => mean(of(kind).map((s) => s[k] as number)) * daily;
  const ingestDay = (k: keyof Sample) => normal.reduce((a, s) => a + (s[k] as number), 0) * scale + raid.reduce((a, s) => a + (s[k] as number), 0);
  const dashboardCalls = DAILY.dashboardVisits * dashboardPaths('0').length;
  const alarms = input.alarmsPerDay ?? input.cronsPerDay;
  const kinds: [string, number][] = [['command', DAILY.commands], ['component', DAILY.components], ['dashboard', dashboardCalls], ['alarm', alarms], ...(input.extraKinds ?? [])];
  // The flush alarms: one DO request, one Neon connection and its statements each (no Worker request, no Redis).
  const flush = { doRequests: input.stats?.flushes ?? 0, neonConnections: input.stats?.flushes ?? 0, neonStatements: input.stats?.statements ?? 0 } as Partial<Record<keyof Sample, number>>;
  const sumDay = (k: keyof Sample) => ingestDay(k) + kinds.reduce((a, [kind, n]) => a + perDay(k, kind, n), 0) + (flush[k] ?? 0);
  const ingestCalls = input.totalBatches + raid.length;
  const extraCalls = (input.extraKinds ?? []).reduce((a, [, n]) => a + n, 0);

  // Neon touches: every invocation that opened a connection, at its time of day.
  const rnd = new SeededRandom(3);
  const touches: number[] = [];
  const touchRate = (kind: string) => mean(of(kind).map((s) => (s.neonConnections > 0 ? 1 : 0)));
  const ingestRate = touchRate('batch');
  let acc = 0;
  for (const b of day.batches) {
    acc += ingestRate;
    if (acc >= 1) {
      acc -= 1;
      touches.push(b.at / 60_000);
    }
  }
  const ingestTouches = touches.length;
  for (const [kind, n] of kinds) {
    if (kind === 'alarm' && input.alignedNeonMinutes) continue;
    const rate = touchRate(kind);
    // A dashboard visit's API calls come within seconds of each other: one touch per visit that reaches Neon.
    const perPath = dashboardPaths('0').length;
    const count = kind === 'dashboard' ? Math.round(DAILY.dashboardVisits * (1 - (1 - rate) ** perPath)) : Math.round(n * rate);
    for (let i = 0; i < count; i++) touches.push(kind === 'alarm' ? (i * DAY_MIN) / count : rnd.next() * DAY_MIN);
  }
  const aligned = [...(input.alignedNeonMinutes ?? []), ...(input.stats?.flushMinutes ?? [])];
  const doActiveSeconds = (normal.filter((s) => s.doRequests > 0).reduce((a, s) => a + s.wallMs, 0) * scale + raid.reduce((a, s) => a + s.wallMs, 0)) / 1000
    + kinds.reduce((a, [kind, n]) => a + mean(of(kind).filter((s) => s.doRequests > 0).map((s) => s.wallMs)) * n * (of(kind).some((s) => s.doRequests > 0) ? 1 : 0), 0) / 1000;
  // What a table keeps: raw events `eventRetentionDays`; Stats' per-event and fine-grained
  // tables the free plan's retention; the rest (daily rollups, totals, audit) accumulates.
  const keepDays = (t: string) => (t === 'events' ? input.eventRetentionDays : STATS_SHORT.has(t) ? STATS_LIMITS.free.retention_days : 30);
  const exact = input.stats?.tableBytes ?? {};
  const tableMb = [
    ...Object.entries(input.sampledTableBytes).filter(([t]) => !(t in exact) && t !== 'stats_events').map(([t, b]) => ({ t, perDay: (Math.max(0, b) * scale) / 1e6 })),
    ...Object.entries(exact).map(([t, b]) => ({ t, perDay: b / 1e6 })),
  ];
  const mbPerDay = tableMb.reduce((a, x) => a + x.perDay, 0);
  const eventsMbPerDay = tableMb.find((x) => x.t === 'events')?.perDay ?? 0;
  const kept30d = (x: { t: string; perDay: number }) => {
    const rows = input.stats?.tableRows[x.t] ?? 0;
    // A member's row is rewritten in place: 30 days hold at most one row per member.
    if (STATS_PER_MEMBER.has(x.t) && rows > 0 && input.members) return (x.perDay / rows) * Math.min(rows * 30, input.members);
    return x.perDay * Math.min(30, keepDays(x.t));
  };
  const storage30d = tableMb.reduce((a, x) => a + kept30d(x), 0);
  const statsStorage30d = tableMb.filter((x) => x.t.startsWith('stats_')).reduce((a, x) => a + kept30d(x), 0);
  // Joins, leaves and member updates drop the cached member list (one Upstash command per hub
  // delivery) only while a dashboard tab of the guild is open; the replay runs with none open.
  const memberDeliveries = day.batches.filter((b) => b.batch.events.some((e) => MEMBER_EVENTS.has(e.type))).length;
  const watchedInvalidations = memberDeliveries * (DAILY.dashboardOpenMinutes / DAY_MIN);
  // Stats counts in the hub's SQLite; the replayed day's events are older than the hub's window
  // (see budget.ts), so its rows are not in the measured samples: statsFlushDay counts them.
  const statsRows = input.stats?.doRowsWritten ?? 0;
  // The hub's flush alarm, re-armed at each hourly flush (its `alarms` value and the setAlarm):
  // the replay's flushes are the API's, so its alarm does not fire in the measured windows.
  const hubAlarmRows = 2 * (input.stats?.flushes ?? 0);
  // Once per deployment a day: the inbox's alarm re-armed every 5 minutes while batches come
  // (a DO request and a setAlarm row each), and the meter's flush every 5 minutes (a DO request
  // and its row; one busy isolate).
  const deploymentDaily = { doRequests: 2 * 288, doRowsWritten: 2 * 288 };
  const server: ServerDay = {
    workerRequests: ingestCalls + DAILY.commands + DAILY.components + dashboardCalls + extraCalls + (input.alarmsPerDay === undefined ? alarms : 0),
    doRequests: sumDay('doRequests') + (input.alarmsPerDay ?? 0) + deploymentDaily.doRequests,
    doGbSeconds: doActiveSeconds * 0.128,
    // A stored batch row is reused by a later batch once its retention ended (no deletion of its own).
    // Hub claim rows (a day's claims in a few rows) are deleted after their TTL: a row each again.
    // Leveling, like Stats, counts the replayed day in process (older than the hub's window): its rows are added here.
    doRowsWritten: sumDay('doRowsWritten') + statsRows + (input.leveling?.doRowsWritten ?? 0) + sumDay('claimsWritten') + hubAlarmRows + deploymentDaily.doRowsWritten,
    doRowsRead: sumDay('doRowsRead'),
    neonTouches: touches,
    neonAlignedTouches: aligned,
    neonStorageMb30d: storage30d,
    upstashCommands: sumDay('redisCommands') + watchedInvalidations,
    qstashMessages: sumDay('qstash'),
  };
  const cutCache = new Map<number, DeploymentCut>();
  const cutOf = (n: number) => cutCache.get(n) ?? cutCache.set(n, deploymentBatches(day, n)).get(n)!;
  // Per hub delivery: a DO request; per bulk delivery: Stats' and Leveling's journal rows.
  const hubRequests = sumDay('hubDeliveries');
  const journalRows = statsRows + (input.leveling?.doRowsWritten ?? 0);
  const shared: SharedBatches = {
    batches: (n) => cutOf(n).batches,
    growth: (n) => ({
      doRequests: hubRequests * (cutOf(n).deliveries / cutOf(1).deliveries - 1),
      doRowsWritten: journalRows * (cutOf(n).bulkDeliveries / cutOf(1).bulkDeliveries - 1),
    }),
    perBatch: {
      workerRequests: 1,
      doRequests: mean(ingest.map((s) => s.doRequests - s.hubDeliveries)),
      // The batch's row (reusing one past the retention) and the delivery cursor, as counted.
      doRowsWritten: mean(ingest.map((s) => s.inboxRowsWritten)),
    },
    perDay: deploymentDaily,
  };
  const fit = serversPerDeployment(server, shared);
  // What Neon compute alone would allow if the ingest path stopped touching Neon (the event
  // store and its processing moving to Durable Objects): aligned flushes, cron, dashboard, commands.
  const withoutIngest = neonServers({ neonTouches: touches.slice(ingestTouches), neonAlignedTouches: aligned });
  const p = (kind: string, q: number) => (of(kind).length ? r2(quantile(of(kind).map((s) => s.cpuMs), q)) : NaN);
  const cpu = (kind: string, name: string): Record<string, Figure> => ({
    [`budget.${name}.p50_cpu_ms`]: { value: p(kind, 0.5), unit: `ms CPU, estimated production (workerd minus empty Worker), ${of(kind).length} invocations` },
    [`budget.${name}.p99_cpu_ms`]: { value: p(kind, 0.99), unit: 'ms CPU, estimated production; target ≤ 10' },
    [`budget.${name}.max_subrequests`]: { value: Math.max(0, ...of(kind).map((s) => s.subrequests)), unit: 'subrequests (Discord + Redis + Neon connections + QStash + DO calls)' },
  });
  return {
    ...cpu('ingest', 'ingest'),
    ...cpu('ingest_ack', 'ingest_ack'),
    ...cpu('delivery', 'delivery'),
    ...cpu('command', 'command'),
    ...cpu('component', 'component'),
    ...cpu('dashboard', 'dashboard'),
    ...cpu('alarm', 'alarm'),
    ...cpu('flush', 'flush'),
    ...Object.assign({}, ...(input.extraKinds ?? []).map(([kind]) => cpu(kind, kind))),
    ...(purgeDelivery.length && {
      'budget.purge.cpu_ms': { value: r2(Math.max(0, ...purgeDelivery.map((s) => s.cpuMs / Math.max(1, s.hubDeliveries)))), unit: `ms CPU per hub invocation of the deletion burst's delivery (worst window; ${purgeDelivery.length} batches); target ≤ 10` },
      'budget.purge.subrequests': { value: Math.max(0, ...purgeDelivery.map((s) => s.subrequests)), unit: 'subrequests, the burst\'s worst invocation; limit 50' },
      'budget.purge.discord_calls': { value: purgeDelivery.reduce((a, s) => a + s.discord, 0), unit: `Discord calls for the whole burst (${purgeDelivery.reduce((a, s) => a + (s.events ?? 0), 0)} events: webhook posts, lookups)` },
    }),
    'budget.raid.cpu_ms': { value: r2(Math.max(0, ...raidDelivery.map((s) => s.cpuMs / Math.max(1, s.hubDeliveries)))), unit: `ms CPU per hub invocation of the raid's delivery (its window's CPU over its ${Math.max(0, ...raidDelivery.map((s) => s.hubDeliveries))} slices; ${raid.length} batch(es))` },
    'budget.raid.subrequests': { value: Math.max(0, ...raidDelivery.map((s) => s.subrequests)), unit: 'subrequests, the raid\'s worst invocation (ack, inbox alarm or hub slice)' },
    'budget.max_subrequests': { value: Math.max(...samples.filter((s) => s.kind !== 'batch').map((s) => s.subrequests)), unit: 'subrequests per invocation, max over every invocation; limit 50' },
    'budget.empty_worker_cpu_ms': { value: r2(input.emptyCost), unit: 'ms CPU per request of an empty Worker in local workerd (taken off every figure)' },
    'budget.day.events': { value: day.events, unit: 'events forwarded by the shard in the replayed day' },
    'budget.day.ingest_calls': { value: ingestCalls, unit: `POST /ingest per day (avg ${r2(day.events / ingestCalls)} events; ${input.sampledBatches + raid.length} replayed)` },
    'budget.day.worker_requests': { value: Math.round(server.workerRequests), unit: `requests/day (free: ${FREE.workerRequests})` },
    'budget.day.do_requests': { value: Math.round(server.doRequests), unit: `DO requests/day (free: ${FREE.doRequests})` },
    'budget.day.do_rows_written': { value: Math.round(server.doRowsWritten), unit: `Durable Object SQLite rows written/day for one server alone, index entries, setAlarm calls, claims' pruning, Stats' and Leveling's hub ledgers, the deployment's inbox alarm and meter included (free: ${FREE.doRowsWritten})` },
    'budget.day.claims_written': { value: Math.round(sumDay('claimsWritten')), unit: "hub claim rows created/day, one server (a day's claims in rows of ~64 KB, each claim round rewrites the newest: counted in do_rows_written, and again when deleted after 30 days)" },
    'budget.day.do_rows_read': { value: Math.round(server.doRowsRead), unit: `Durable Object SQLite rows read/day, one server, as measured per batch (free: ${FREE.doRowsRead}; an object's start reads its state once more: the inbox all retained batch rows, a hub its journal rows; not modelled)` },
    'budget.day.hub_alarm_rows': { value: hubAlarmRows, unit: "rows/day the hub's flush alarm writes, one server (its entry and the setAlarm at each hourly flush; in do_rows_written)" },
    'budget.day.do_gb_s': { value: Math.round(server.doGbSeconds), unit: `GB-s/day upper bound (free: ${FREE.doGbSeconds})` },
    'budget.day.neon_connections': { value: Math.round(sumDay('neonConnections')), unit: 'connections/day' },
    'budget.day.neon_statements': { value: Math.round(sumDay('neonStatements')), unit: 'statements/day' },
    'budget.day.neon_awake_minutes': { value: awakeMinutes([...aligned, ...touches]), unit: `min/day with a query in the last 5 min, one server (free: ${FREE.neonAwakeMinutes} at 0.25 CU)` },
    'budget.day.neon_awake_minutes_aligned': { value: awakeMinutes(aligned), unit: `min/day Neon is awake for the aligned flushes (${input.stats?.flushes ?? 0}/day) and the hourly cron: the same minutes for every server of the deployment, paid once` },
    'budget.day.neon_awake_minutes_deployment': { value: fit.neonAwakeAtFit, unit: `min/day awake with ${fit.servers} such servers (union of their windows: aligned ones shared, the rest shifted at random)` },
    'budget.servers_by.neon_compute_without_ingest_touches': { value: r2(withoutIngest.servers), unit: `servers Neon compute allows once ingest no longer touches Neon (${withoutIngest.awake} min/day awake at that count; today ingest touches it ${Math.round(ingestRate * 100)}% of batches)` },
    'budget.day.stats_flushes': { value: input.stats?.flushes ?? 0, unit: `Stats flushes per server per day (hub alarm: 1 DO request, 1 Neon connection, ${r2((input.stats?.statements ?? 0) / Math.max(1, input.stats?.flushes ?? 0))} statements avg)` },
    'budget.day.stats_do_rows_written': { value: input.stats?.doRowsWritten ?? 0, unit: 'DO SQLite rows Stats writes per server per day, steady state (counted by SQLite: a journal row per batch and its deletion 48 h later, a voice row per member changed per batch, flush marks; free: 100,000)' },
    ...(input.leveling && {
      'budget.day.leveling_do_rows_written': { value: input.leveling.doRowsWritten, unit: `DO SQLite rows Leveling writes per server per day (${r2(input.leveling.doRowsWritten / Math.max(1, input.leveling.batches))} per batch; counted in budget.day.do_rows_written)` },
      'leveling.xp_exact': { value: input.leveling.exact ? 1 : 0, unit: `1 = hub, Postgres and the scenario's tally agree on the whole day's XP (${input.leveling.members} members, ${input.leveling.redelivered} batches delivered twice)` },
      'leveling.xp_diff': { value: input.leveling.diff, unit: 'XP: sum over members of |hub − tally| + |Postgres − hub| (0 when exact)' },
    }),
    'budget.stats_storage_30d_mb': { value: r2(statsStorage30d), unit: `MB of Stats tables after 30 days (5-min and member-day rows ${STATS_LIMITS.free.retention_days} d, daily rows kept, a row per member for totals; no raw events)` },
    'budget.day.neon_mb_written': { value: r2(mbPerDay), unit: `MB/day of live rows added (x2 for indexes; raw events ${r2(eventsMbPerDay)} of it, pruned after retention)` },
    'budget.neon_storage_30d_mb': { value: r2(storage30d), unit: `MB after 30 days (raw events kept ${r2(input.eventRetentionDays)} d, Stats detail ${STATS_LIMITS.free.retention_days} d; free: ${FREE.neonStorageMb} MB)` },
    'budget.day.upstash_commands': { value: Math.round(server.upstashCommands), unit: `commands/day (free: ~${FREE.upstashCommands})` },
    'budget.day.qstash_messages': { value: Math.round(server.qstashMessages), unit: `messages/day (free: ${FREE.qstashMessages})` },
    ...Object.fromEntries(Object.entries(fit.perQuota).map(([k, v]) => [`budget.servers_by.${k}`, { value: Number.isFinite(v) ? r2(v) : 9999, unit: 'servers this quota alone allows' }])),
    'budget.servers_per_free_deployment': { value: fit.servers, unit: `servers (limited by ${fit.limitedBy}); target ≥ 10` },
    'budget.day.inbox_rows_per_batch': { value: r2(shared.perBatch.doRowsWritten), unit: `EventInbox rows written per batch (its row, reusing one past the retention, and the cursor; its alarm while busy); one inbox for the whole deployment, plus ${deploymentDaily.doRowsWritten} rows and ${deploymentDaily.doRequests} DO requests a day for the inbox's alarm and the meter` },
    'budget.day.deployment_batches': { value: shared.batches(Math.max(1, fit.servers)), unit: `shard batches/day for ${Math.max(1, fit.servers)} such servers on one shard (they share batches; one server alone: ${shared.batches(1)}); each server's hub gets ${cutOf(Math.max(1, fit.servers)).deliveries} deliveries a day then (alone: ${cutOf(1).deliveries}), counted in the fit` },
  };
}
