import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVars, startLocalStack, startTestWorker, type LocalStack, type TestWorker } from '@edge/dev/testing';
import { startGatewayHarness, type GatewayHarness } from '@edge/simulator/gateway/testing';
import { Scenario, populateGuilds } from '@edge/simulator/scenario';
import { startShard } from '../src/index';
import { spawnShard, type ShardProcess } from './spawnShard';

const PRIVILEGED = (1 << 12) | (1 << 14) | (1 << 18);
const SHARDS = 4;
/** The simulator refuses a second identify of a bucket within this window; the coordinator grants one per 400 ms. */
const SIM_IDENTIFY_WINDOW_MS = 300;
const dir = mkdtempSync(join(tmpdir(), 'shard-fleet-'));
let stack: LocalStack;
let worker: TestWorker;
let sim: GatewayHarness;
let db: pg.Client;
const procs: Record<string, ShardProcess | undefined> = {};
const identifies: { shard: number; at: number }[] = [];
const produced: Scenario[] = [];

beforeAll(async () => {
  stack = await startLocalStack();
  const vars = { ...makeTestVars(stack), SHARD_LEASE_MS: '2000', SHARD_IDENTIFY_WINDOW_MS: '400' };
  [worker, sim] = await Promise.all([
    startTestWorker({ vars, entrypoint: fileURLToPath(new URL('./fixtures/ingestWorker.ts', import.meta.url)) }),
    startGatewayHarness({ appFlags: PRIVILEGED, members: 40, gateway: { replayBufferSize: 100_000, maxConcurrency: 2, identifyWindowMs: SIM_IDENTIFY_WINDOW_MS } }),
  ]);
  // Guilds on every shard: (guild_id >> 22) % 4 spreads guilds created over a few milliseconds.
  const perShard = () => new Set(Object.keys(sim.state.data.guilds).map((g) => Number(BigInt(g) >> 22n) % SHARDS));
  for (let i = 0; perShard().size < SHARDS && i < 50; i++) populateGuilds(sim.state, { guilds: 3, membersPerGuild: 12, botUserId: sim.app.botUserId, prefix: `f${i}` });
  expect(perShard().size).toBe(SHARDS);
  sim.gateway.events.on('identify', (e) => identifies.push({ shard: e.shard[0], at: Date.now() }));
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query('truncate events');
}, 180_000);
afterAll(async () => {
  for (const p of Object.values(procs)) await p?.kill9().catch(() => {});
  await db?.end().catch(() => {});
  await worker?.stop();
  await sim?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const spool = (name: string) => join(dir, `${name}.sqlite`);
const start = async (name: string) =>
  (procs[name] = await spawnShard({
    DISCORD_BOT_TOKEN: sim.app.botToken,
    DISCORD_API_BASE: sim.api,
    WORKER_URL: worker.url,
    SHARD_SECRET: makeTestVars(stack).SHARD_SECRET!,
    SHARD_SPOOL_PATH: spool(name),
    SHARD_MODE: 'coordinated',
    // The link carries the coordination only: every event is forwarded (no module filter), so the tally is exact.
    SHARD_CONFIG_LINK: '0',
    SHARD_PROCESS_ID: name,
    SHARD_COUNT: String(SHARDS),
    SHARD_BATCH_MAX_WAIT_MS: '200',
    SHARD_RETRY_MAX_MS: '500',
  }));

type Health = { status: string; shards: Record<string, string>; fleet: { assigned: number[] | null } };
const health = async (name: string) => (await procs[name]!.health()) as unknown as Health;
/** Shards a process runs and has Ready, once it runs exactly what it was assigned. */
async function ready(name: string): Promise<number[]> {
  const h = await health(name).catch(() => null);
  if (!h || h.status !== 'ok' || !h.fleet.assigned) return [];
  const running = Object.keys(h.shards).map(Number).sort();
  return JSON.stringify(running) === JSON.stringify(h.fleet.assigned) ? running : [];
}
/** Session id per shard, as the simulator holds them. */
const sessionsByShard = () => Object.fromEntries(sim.gateway.sessions().map((s) => [s.shard[0], s.sessionId]));

/** Every scenario event reached the hubs exactly once (the fixture's GuildHub counts second deliveries in `attempts`). */
async function expectExactlyOnce(): Promise<void> {
  const events = produced.flatMap((s) => s.events);
  const tally = (t: string) => events.filter((e) => e.type === t).length;
  const messageIds = events.filter((e) => e.type === 'message').map((e) => `MESSAGE_CREATE:${e.messageId}`);
  await expect
    .poll(async () => {
      const { rows } = await db.query<{ event_id: string; type: string }>('select event_id, type from events');
      const ids = new Set(rows.map((r) => r.event_id));
      const joins = rows.filter((r) => r.type === 'GUILD_MEMBER_ADD').length;
      return messageIds.filter((id) => !ids.has(id)).length + Math.max(0, tally('join') - joins);
    // Minutes, not seconds: on a starved 2-core runner delivery drains several times slower.
    }, { timeout: 240_000, interval: 500 })
    .toBe(0);
  const { rows } = await db.query<{ type: string; n: number }>('select type, count(*)::int as n from events group by type');
  const count = (t: string) => rows.find((r) => r.type === t)?.n ?? 0;
  expect(count('MESSAGE_CREATE')).toBe(messageIds.length);
  expect(count('MESSAGE_REACTION_ADD')).toBe(tally('reaction'));
  expect(count('GUILD_MEMBER_ADD')).toBe(tally('join'));
  expect(count('GUILD_MEMBER_REMOVE')).toBe(tally('leave'));
  expect(count('VOICE_STATE_UPDATE')).toBe(tally('voiceJoin') + tally('voiceMove') + tally('voiceLeave'));
  const twice = await db.query<{ n: number }>('select count(*)::int as n from events where attempts > 0');
  expect(twice.rows[0]!.n).toBe(0);
}

describe('shard processes coordinated by the ShardCoordinator', () => {
  it('splits the shards between two processes, hands shards over by resuming their sessions, and serialises identifies per bucket across processes', async () => {
    await start('host-a');
    await expect.poll(() => ready('host-a'), { timeout: 120_000, interval: 200 }).toEqual([0, 1, 2, 3]);
    const before = sessionsByShard();
    const load = new Scenario(sim.state, { seed: 11, record: true });
    produced.push(load);
    load.start(200);
    await start('host-b');
    await expect.poll(async () => [await ready('host-a'), await ready('host-b')], { timeout: 120_000, interval: 200 }).toEqual([[0, 1], [2, 3]]);
    await expect.poll(() => load.tally.total, { timeout: 20_000 }).toBeGreaterThan(600);
    load.stop();
    // Shards 2 and 3 moved by resuming the sessions process A identified: no new identify.
    expect(sessionsByShard()).toEqual(before);
    expect(sim.gateway.counters.identifies).toBe(SHARDS);
    expect(sim.gateway.counters.resumes).toBeGreaterThanOrEqual(2);
    // Identifies of one bucket (shard % max_concurrency) never came closer than the window.
    for (const bucket of [0, 1]) {
      const times = identifies.filter((i) => i.shard % 2 === bucket).map((i) => i.at).sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(SIM_IDENTIFY_WINDOW_MS);
    }
    expect(sim.gateway.counters.invalidSessionsSent).toBe(0);
    await expectExactlyOnce();
  }, 330_000);

  it('moves the shards of a process killed with -9 to the other, which resumes the same sessions: nothing lost, duplicates absorbed', async () => {
    const before = sessionsByShard();
    const identifiesBefore = sim.gateway.counters.identifies;
    const replayedBefore = sim.gateway.counters.replayed;
    const load = new Scenario(sim.state, { seed: 12, record: true });
    produced.push(load);
    load.start(300);
    // Kill A while its batches flow: wait until it has delivered some of this run.
    const stored = async () => (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
    const base = await stored();
    await expect.poll(stored, { timeout: 20_000 }).toBeGreaterThan(base + 100);
    await procs['host-a']!.kill9();
    procs['host-a'] = undefined;
    await expect.poll(() => ready('host-b'), { timeout: 120_000, interval: 200 }).toEqual([0, 1, 2, 3]);
    const after = load.tally.total;
    await expect.poll(() => load.tally.total, { timeout: 20_000 }).toBeGreaterThan(after + 300);
    load.stop();
    expect(sessionsByShard()).toEqual(before);
    expect(sim.gateway.counters.identifies).toBe(identifiesBefore);
    // What happened while A was dead and its lease ran came as Discord's replay to B.
    expect(sim.gateway.counters.replayed).toBeGreaterThan(replayedBefore);
    await expectExactlyOnce();
    // What A had received but the Worker had not acknowledged when it died reached the hubs through B.
    const left = new Database(spool('host-a'), { readonly: true });
    const orphans = (left.prepare('select event_id from spool').all() as { event_id: string }[]).map((r) => r.event_id);
    left.close();
    if (orphans.length) {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from events where event_id = any($1)', [orphans]);
      expect(rows[0]!.n).toBe(orphans.length);
    }
  }, 330_000);

  it('reshards when a shard is closed with 4011: the coordinator doubles the count and every shard starts on it', async () => {
    const guildsPer = (count: number) => {
      const n = new Array<number>(count).fill(0);
      for (const g of Object.keys(sim.state.data.guilds)) n[Number(BigInt(g) >> 22n) % count]!++;
      return n;
    };
    // Enough guilds that 8 shards hold fewer per shard than 4 do (the limit sits between).
    for (let i = 0; Math.max(...guildsPer(4)) <= Math.max(...guildsPer(8)) && i < 50; i++) {
      populateGuilds(sim.state, { guilds: 3, membersPerGuild: 6, botUserId: sim.app.botUserId, prefix: `r${i}` });
    }
    const limit = Math.max(...guildsPer(8));
    expect(Math.max(...guildsPer(4))).toBeGreaterThan(limit);
    sim.gateway.setShardLimits({ maxGuildsPerShard: limit });
    const crowded = guildsPer(4).indexOf(Math.max(...guildsPer(4)));
    // Its session ends (op 9, not resumable): the new identify is refused with 4011.
    expect(sim.gateway.invalidateSessions(false, { shardId: crowded })).toBe(1);
    await expect.poll(() => ready('host-b'), { timeout: 120_000, interval: 200 }).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sim.gateway.counters.closes[4011]).toBeGreaterThanOrEqual(1);
    const live = sim.gateway.sessions().filter((x) => x.connected);
    expect(live.map((x) => x.shard).sort((a, b) => a[0] - b[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((id) => [id, 8]));
    const load = new Scenario(sim.state, { seed: 13, record: true });
    produced.push(load);
    await load.run(600, 50);
    await expectExactlyOnce();
  }, 330_000);

  it('gives a joining process its shards and their config with the assignment, and takes them back, resumed, when it stops gracefully', async () => {
    const c = await startShard({
      DISCORD_BOT_TOKEN: sim.app.botToken,
      DISCORD_API_BASE: sim.api,
      WORKER_URL: worker.url,
      SHARD_SECRET: makeTestVars(stack).SHARD_SECRET!,
      SHARD_SPOOL_PATH: spool('host-c'),
      SHARD_PORT: 0,
      SHARD_MODE: 'coordinated',
      SHARD_PROCESS_ID: 'host-c',
      logSink: () => {},
    });
    try {
      await expect.poll(async () => [await ready('host-b'), c.shard.gateway.running], { timeout: 120_000, interval: 200 }).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
      // The config came with the assignment (limited to the guilds of C's shards: NeedsStore.test.ts).
      await expect.poll(() => c.shard.policy.config?.intents, { timeout: 20_000 }).toBeGreaterThan(0);
    } finally {
      await c.stop(5_000);
    }
    const identifies = sim.gateway.counters.identifies;
    // 'bye' (or the lease, 2 s here): B takes the shards back, resuming C's sessions.
    await expect.poll(() => ready('host-b'), { timeout: 20_000, interval: 200 }).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sim.gateway.counters.identifies).toBe(identifies);
    const load = new Scenario(sim.state, { seed: 14, record: true });
    produced.push(load);
    await load.run(300, 50);
    await expectExactlyOnce();
  }, 330_000);

  it('resumes every session on a fresh host (empty spool, new id) when the only process dies', async () => {
    const before = sessionsByShard();
    const identifies = sim.gateway.counters.identifies;
    const load = new Scenario(sim.state, { seed: 15, record: true });
    produced.push(load);
    load.start(200);
    await expect.poll(() => load.tally.total, { timeout: 20_000 }).toBeGreaterThan(200);
    await procs['host-b']!.kill9();
    procs['host-b'] = undefined;
    await start('host-d');
    await expect.poll(() => ready('host-d'), { timeout: 120_000, interval: 200 }).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const after = load.tally.total;
    await expect.poll(() => load.tally.total, { timeout: 20_000 }).toBeGreaterThan(after + 200);
    load.stop();
    expect(sessionsByShard()).toEqual(before);
    expect(sim.gateway.counters.identifies).toBe(identifies);
    await expectExactlyOnce();
  }, 330_000);
});
