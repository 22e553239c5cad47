/**
 * A compressed "day" of one active 10k-member server, from the simulator's seeded scenario:
 * ~50k messages, 10k reactions, voice, 500 joins, 300 leaves and a 60-join raid, stamped over
 * 24 h of virtual time, filtered and shaped by the shard's own `ForwardPolicy` and cut into
 * batches by the shard's batching rules (its defaults), replayed in virtual time.
 */
import type { IngestBatch, IngestEvent } from '@edge/shared/protocol';
import { DEFAULT_PRIORITY_EVENTS, SHARD_DEFAULTS } from '../../gateway-shard/src/config';
import { ForwardPolicy } from '../../gateway-shard/src/ForwardPolicy';
import { Scenario } from '@edge/simulator/scenario';
import type { SimState } from '@edge/simulator/state';
import { SeededRandom } from '@edge/simulator/state';

export const DAY_MS = 86_400_000;

/** The day's mix (issue 11): per scenario action type. */
export const DAY_MIX = { message: 50_000, reaction: 10_000, voiceJoin: 1_200, voiceMove: 600, voiceLeave: 1_200, join: 500, leave: 300 };
export const RAID_JOINS = 60;
/** The raid starts at 20:00 and lasts 3 s. */
const RAID_AT = 20 * 3_600_000;

/** One batch as the shard would post it, with the virtual time it leaves the shard. */
export interface DayBatch {
  at: number;
  lane: 'priority' | 'normal';
  batch: IngestBatch;
  raid: boolean;
  /** Holds events of the day's deletion burst (a variant's {@link DayExtras.burst}). */
  purge?: boolean;
}

/** More activity for a variant day (the moderation-heavy day): played in the simulator, captured like the rest. */
export interface DayExtras {
  /** After each virtual hour's share of the scenario, with the messages created in that hour. */
  afterHour?(hour: number, created: { channelId: string; id: string }[]): void;
  /** A burst played at `at` (ms into the day), its events 5 ms apart (e.g. 1,000 deletions). */
  burst?: { at: number; play(): void };
}

/** The replayable day. */
export interface Day {
  events: number;
  batches: DayBatch[];
  byType: Record<string, number>;
}

/**
 * Plays the day's actions in the simulator state (so channels, members and messages exist
 * for the Worker's Discord calls) and returns the batches. `scale` < 1 plays a proportional
 * part of the day's actions (used only to keep a smoke run short).
 */
export async function buildDay(state: SimState, guildId: string, needs: string[], fields: Record<string, string[]>, scale = 1, extras: DayExtras = {}): Promise<Day> {
  const rnd = new SeededRandom(11);
  const captured: { type: string; d: unknown; raid: boolean; purge?: boolean }[] = [];
  let raid = false;
  let purge = false;
  const onDispatch = (d: { t: string; d: unknown; guildId?: string }) => {
    const g = d.guildId ?? (d.d as { guild_id?: string }).guild_id;
    if (g === guildId) captured.push({ type: d.t, d: d.d, raid, purge });
  };
  state.on('dispatch', onDispatch);
  try {
    const weights = Object.fromEntries(Object.entries(DAY_MIX).map(([k, v]) => [k, v]));
    const total = Math.round(Object.values(DAY_MIX).reduce((a, b) => a + b, 0) * scale);
    const scenario = new Scenario(state, { seed: 11, guildIds: [guildId], weights });
    if (!extras.afterHour) await scenario.run(total);
    // A variant's hourly activity goes between the hours' shares (times follow capture order).
    else {
      for (let h = 0; h < 24; h++) {
        const from = captured.length;
        await scenario.run(Math.round((total * (h + 1)) / 24) - Math.round((total * h) / 24));
        const created = captured.slice(from).filter((c) => c.type === 'MESSAGE_CREATE').map((c) => c.d as { id: string; channel_id: string });
        extras.afterHour(h, created.map((m) => ({ channelId: m.channel_id, id: m.id })));
      }
    }
    raid = true;
    await new Scenario(state, { seed: 12, guildIds: [guildId], weights: { message: 0, reaction: 0, voiceJoin: 0, voiceMove: 0, voiceLeave: 0, leave: 0, join: 1 } }).run(RAID_JOINS);
    raid = false;
    purge = true;
    extras.burst?.play();
  } finally {
    state.off('dispatch', onDispatch);
  }
  // The burst's events are placed like the raid's (5 ms apart from its start).
  const burstAt = extras.burst?.at ?? 0;
  const bursts = captured.filter((c) => c.purge).map((c, i) => ({ c, at: burstAt + i * 5 }));
  const normal = captured.filter((c) => !c.raid && !c.purge);
  const times = normal.map(() => Math.floor(rnd.next() * DAY_MS)).sort((a, b) => a - b);
  const policy = new ForwardPolicy({ guilds: { [guildId]: needs }, fields });
  const stamped: (IngestEvent & { at: number })[] = [];
  const raidEvents = captured.filter((c) => c.raid);
  let r = 0;
  const push = (c: (typeof captured)[number], at: number) => {
    if (!policy.wants(c.type, guildId)) return;
    stamped.push({ id: `day:${stamped.length}`, type: c.type, guildId, receivedAt: at, at, payload: policy.shape(c.type, guildId, c.d) as Record<string, unknown> });
  };
  let p = 0;
  for (const [i, c] of normal.entries()) {
    while (r < raidEvents.length && RAID_AT + r * 50 <= times[i]!) push(raidEvents[r]!, RAID_AT + r++ * 50);
    while (p < bursts.length && bursts[p]!.at <= times[i]!) push(bursts[p]!.c, bursts[p++]!.at);
    push(c, times[i]!);
  }
  while (r < raidEvents.length) push(raidEvents[r]!, RAID_AT + r++ * 50);
  while (p < bursts.length) push(bursts[p]!.c, bursts[p++]!.at);
  const byType: Record<string, number> = {};
  for (const e of stamped) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const burstEnd = burstAt + bursts.length * 5;
  return { events: stamped.length, batches: cut(stamped, (e) => bursts.length > 0 && e.at >= burstAt && e.at < burstEnd && e.type.startsWith('MESSAGE_DELETE')), byType };
}

/** A deployment's day on one shard: its batches, and the replayed server's share of them. */
export interface DeploymentCut {
  batches: number;
  /** Batches holding events of the replayed server: its hub's deliveries. */
  deliveries: number;
  /** Of those, normal-lane ones (bulk events: Stats' and Leveling's journal row per delivery). */
  bulkDeliveries: number;
}

/**
 * How many batches one shard posts in a day for `servers` servers like the replayed one: every
 * guild of a deployment goes through the same shard (up to 2,500 guilds), so their events
 * share batches. Each copy of the day is shifted by a random offset (servers are not in step);
 * the copies are cut together by the shard's batching rules. Once the normal lane fills up
 * before its wait ends, a server's events are spread over more batches: its hub gets more
 * deliveries than alone (`deliveries`).
 */
export function deploymentBatches(day: Day, servers: number): DeploymentCut {
  const guildId = day.batches[0]?.batch.events[0]?.guildId;
  const own = (list: DayBatch[]) => {
    const mine = list.filter((b) => b.batch.events.some((e) => e.guildId === guildId));
    return { deliveries: mine.length, bulkDeliveries: mine.filter((b) => b.lane === 'normal').length };
  };
  if (servers <= 1) return { batches: day.batches.length, ...own(day.batches) };
  const rnd = new SeededRandom(21);
  const base = day.batches.flatMap((b) => b.batch.events.map((e) => ({ ...e, at: e.receivedAt ?? b.at })));
  const all: (IngestEvent & { at: number })[] = [...base];
  for (let n = 1; n < servers; n++) {
    const shift = Math.floor(rnd.next() * DAY_MS);
    for (const e of base) all.push({ ...e, guildId: `${e.guildId}-${n}`, at: (e.at + shift) % DAY_MS });
  }
  const cutDay = cut(all.sort((a, b) => a.at - b.at));
  return { batches: cutDay.length, ...own(cutDay) };
}

/** The shard's batching in virtual time: a lane flushes at its size limit or when its oldest event waited its wait. */
function cut(events: (IngestEvent & { at: number })[], inBurst: (e: IngestEvent & { at: number }) => boolean = () => false): DayBatch[] {
  const priority = new Set<string>(DEFAULT_PRIORITY_EVENTS);
  const max = { priority: SHARD_DEFAULTS.SHARD_PRIORITY_MAX_EVENTS, normal: SHARD_DEFAULTS.SHARD_BATCH_MAX_EVENTS };
  const wait = { priority: SHARD_DEFAULTS.SHARD_PRIORITY_WAIT_MS, normal: SHARD_DEFAULTS.SHARD_BATCH_MAX_WAIT_MS };
  const lanes = { priority: [] as (IngestEvent & { at: number })[], normal: [] as (IngestEvent & { at: number })[] };
  const out: DayBatch[] = [];
  const flush = (lane: 'priority' | 'normal', at: number) => {
    const list = lanes[lane].splice(0);
    if (list.length === 0) return;
    const purge = list.some(inBurst);
    out.push({ at, lane, raid: list.some((e) => e.type === 'GUILD_MEMBER_ADD' && e.at >= RAID_AT && e.at < RAID_AT + RAID_JOINS * 50), ...(purge && { purge }), batch: { batchId: `day-${out.length}`, events: list.map(({ at: _at, ...e }) => e) } });
  };
  for (const e of events) {
    for (const lane of ['priority', 'normal'] as const) {
      const oldest = lanes[lane][0];
      if (oldest && oldest.at + wait[lane] <= e.at) flush(lane, oldest.at + wait[lane]);
    }
    const lane = priority.has(e.type) ? 'priority' : 'normal';
    lanes[lane].push(e);
    if (lanes[lane].length >= max[lane]) flush(lane, e.at);
  }
  for (const lane of ['priority', 'normal'] as const) if (lanes[lane][0]) flush(lane, lanes[lane][0]!.at + wait[lane]);
  return out.sort((a, b) => a.at - b.at);
}
