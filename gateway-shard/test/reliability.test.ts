import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVars, startLocalStack, startTestWorker, type LocalStack, type TestWorker } from '@edge/dev/testing';
import { startGatewayHarness, type GatewayHarness } from '@edge/simulator/gateway/testing';
import { Scenario } from '@edge/simulator/scenario';
import { startShard } from '../src/index';
import { shardHealth } from '../src/OpsServer';
import { spawnShard, type ShardProcess } from './spawnShard';
import { startSwitchableProxy, type SwitchableProxy } from './switchableProxy';

const PRIVILEGED = (1 << 12) | (1 << 14) | (1 << 18);
const dir = mkdtempSync(join(tmpdir(), 'shard-rel-'));
let stack: LocalStack;
let worker: TestWorker;
let proxy: SwitchableProxy;
let sim: GatewayHarness;
let db: pg.Client;
let shard: ShardProcess | undefined;
let secret: string;
const scenario = () => new Scenario(sim.state, { seed: Math.floor(Math.random() * 1e9), record: true });
const produced: Scenario[] = [];

beforeAll(async () => {
  stack = await startLocalStack();
  const vars = makeTestVars(stack);
  secret = vars.SHARD_SECRET!;
  [worker, sim] = await Promise.all([
    startTestWorker({ vars, entrypoint: fileURLToPath(new URL('./fixtures/ingestWorker.ts', import.meta.url)) }),
    startGatewayHarness({ appFlags: PRIVILEGED, members: 300, gateway: { replayBufferSize: 100_000 } }),
  ]);
  proxy = await startSwitchableProxy(worker.url);
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
}, 180_000);
afterAll(async () => {
  await shard?.kill9().catch(() => {});
  await db?.end().catch(() => {});
  await proxy?.close();
  await worker?.stop();
  await sim?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const start = () =>
  spawnShard({
    DISCORD_BOT_TOKEN: sim.app.botToken,
    DISCORD_API_BASE: sim.api,
    WORKER_URL: proxy.url,
    SHARD_SECRET: secret,
    SHARD_SPOOL_PATH: join(dir, 'spool.sqlite'),
    SHARD_CONFIG_LINK: '0',
    SHARD_BATCH_MAX_WAIT_MS: '200',
    SHARD_RETRY_MAX_MS: '500',
  });

async function stored(): Promise<Map<string, string>> {
  const { rows } = await db.query<{ event_id: string; type: string }>('select event_id, type from events');
  return new Map(rows.map((r) => [r.event_id, r.type]));
}

/** Compares what reached the hubs with everything the scenarios produced: each message once, each type's count exact, nothing delivered twice. */
async function expectExactlyOnce(): Promise<void> {
  const events = produced.flatMap((s) => s.events);
  const messageIds = events.filter((e) => e.type === 'message').map((e) => `MESSAGE_CREATE:${e.messageId}`);
  await expect
    .poll(async () => {
      const rows = await stored();
      // Joins travel in the priority lane, apart from the bulk lane's messages: wait for both.
      const joins = [...rows.values()].filter((t) => t === 'GUILD_MEMBER_ADD').length;
      const missing = messageIds.filter((id) => !rows.has(id)).length + Math.max(0, events.filter((e) => e.type === 'join').length - joins);
      if (missing && Date.now() % 10 < 2) process.stderr.write(`missing ${missing}; shard: ${shard?.logs.filter((l) => !l.includes('"info"')).slice(-3).join(' | ')}\n`);
      return missing;
    // Minutes, not seconds: on a starved 2-core runner 10,000 events drain several times slower.
    }, { timeout: 240_000, interval: 500 })
    .toBe(0);
  const { rows } = await db.query<{ type: string; n: number }>('select type, count(*)::int as n from events group by type');
  const count = (t: string) => rows.find((r) => r.type === t)?.n ?? 0;
  const tally = (t: string) => events.filter((e) => e.type === t).length;
  expect(count('MESSAGE_CREATE')).toBe(messageIds.length);
  expect(count('MESSAGE_REACTION_ADD')).toBe(tally('reaction'));
  expect(count('GUILD_MEMBER_ADD')).toBe(tally('join'));
  expect(count('GUILD_MEMBER_REMOVE')).toBe(tally('leave'));
  expect(count('VOICE_STATE_UPDATE')).toBe(tally('voiceJoin') + tally('voiceMove') + tally('voiceLeave'));
  const twice = await db.query<{ n: number }>('select count(*)::int as n from events where attempts > 0');
  expect(twice.rows[0]!.n).toBe(0);
}

describe('shard → Worker → EventInbox → hubs reliability', () => {
  it('loses and duplicates nothing across repeated kill -9 over 10,000+ events', async () => {
    shard = await start();
    await expect.poll(async () => (await shard!.health()).status, { timeout: 20_000 }).toBe('ok');
    for (let round = 0; round < 4; round++) {
      const s = scenario();
      produced.push(s);
      const run = s.run(2_600, 100);
      // Kill while the stream flows and batches are in flight or spooled.
      await new Promise((r) => setTimeout(r, 150 + round * 100));
      await shard.kill9();
      await run;
      shard = await start();
    }
    expect(produced.reduce((n, s) => n + s.tally.total, 0)).toBeGreaterThanOrEqual(10_000);
    await expectExactlyOnce();
    await expect.poll(async () => (await shard!.health()).spool.depth, { timeout: 20_000 }).toBe(0);
  }, 330_000);

  it('keeps events while the Worker is unreachable and drains them when it returns', async () => {
    await proxy.down();
    const s = scenario();
    produced.push(s);
    await s.run(1_500, 100);
    await expect.poll(async () => (await shard!.health()).spool.depth, { timeout: 10_000 }).toBeGreaterThan(1_000);
    await new Promise((r) => setTimeout(r, 1_000));
    await proxy.up();
    await expectExactlyOnce();
    await expect.poll(async () => (await shard!.health()).spool.depth, { timeout: 20_000 }).toBe(0);
  }, 300_000);

  it('refuses forged, stale, replayed and malformed requests on the real Worker and stores nothing', async () => {
    const before = (await stored()).size;
    const body = JSON.stringify({ batchId: 'evil', events: [{ id: 'EVIL:1', type: 'MESSAGE_CREATE', guildId: '1', payload: { id: '1' } }] });
    const sign = (b: string, ts = Date.now(), key = secret) => ({
      'content-type': 'application/json',
      'x-shard-timestamp': String(ts),
      'x-shard-signature': `v1=${createHmac('sha256', key).update(`${ts}.${b}`).digest('hex')}`,
    });
    const post = (b: string, headers: Record<string, string>) => worker.fetch('/ingest', { method: 'POST', body: b, headers });
    expect((await post(body, sign(body, Date.now(), 'x'.repeat(32)))).status).toBe(401);
    expect((await post(body, sign(body, Date.now() - 10 * 60_000))).status).toBe(401);
    expect((await post('{"batchId":1}', sign('{"batchId":1}'))).status).toBe(400);
    const ok = sign(body);
    expect((await post(body, ok)).status).toBe(200);
    await db.query(`delete from events where event_id = 'EVIL:1'`);
    const replay = await post(body, ok);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ statusCode: 401, code: 'ReplayedRequest' });
    expect((await stored()).size).toBe(before);
    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${worker.url.replace('http', 'ws')}/shard/connect`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('error', () => resolve(-1));
      });
    expect(await refused({})).toBe(401);
    expect(await refused(sign('GET /shard/connect', Date.now(), 'y'.repeat(32)))).toBe(401);
    expect(await refused(sign('GET /shard/connect', Date.now() - 6 * 60_000))).toBe(401);
  }, 30_000);

  it('gets its config over /shard/connect and forwards only what a module change asks for, plus lifecycle', async () => {
    await shard?.kill9();
    shard = undefined;
    const inproc = await startShard({
      DISCORD_BOT_TOKEN: sim.app.botToken,
      DISCORD_API_BASE: sim.api,
      WORKER_URL: worker.url,
      SHARD_SECRET: secret,
      SHARD_SPOOL_PATH: join(dir, 'linked.sqlite'),
      SHARD_PORT: 0,
      SHARD_BATCH_MAX_WAIT_MS: 100,
      logSink: () => {},
    });
    try {
      await expect.poll(() => inproc.shard.link?.connected, { timeout: 20_000 }).toBe(true);
      // Events before its gateway session is Ready are not its to deliver: a fresh identify
      // waits for the simulator's identify slot, which a loaded runner makes seconds long.
      await expect.poll(async () => (await shardHealth(inproc.shard)).status, { timeout: 60_000 }).toBe('ok');
      const guildId = sim.demo.guildId;
      const push = await worker.fetch('/shard/__test/module-change', { method: 'POST', body: JSON.stringify({ guildId, events: ['MESSAGE_REACTION_ADD'] }) });
      const pushed = await push.text();
      expect(pushed, pushed).toBe(JSON.stringify({ sockets: 1 }));
      await expect.poll(() => inproc.shard.policy.config?.guilds[guildId]).toEqual(['MESSAGE_REACTION_ADD']);
      // The config's intents may exceed the default ones (automod's): the shard then identifies again, and
      // what happens before the new session is READY is not Discord's to replay. Wait for that session.
      const wanted = inproc.shard.policy.config!.intents ?? 0;
      await expect.poll(() => sim.gateway.sessions().some((x) => x.connected && (x.intents & wanted) === wanted), { timeout: 30_000 }).toBe(true);
      await db.query('truncate events');
      const s = new Scenario(sim.state, { seed: 99, record: true, weights: { voiceJoin: 0, voiceMove: 0, voiceLeave: 0 } });
      await s.run(400);
      const reactions = s.tally.byType.reaction;
      await expect.poll(async () => (await db.query(`select count(*)::int n from events where type = 'MESSAGE_REACTION_ADD'`)).rows[0].n, { timeout: 20_000 }).toBe(reactions);
      await expect.poll(async () => (await db.query(`select count(*)::int n from events where type = 'GUILD_MEMBER_ADD'`)).rows[0].n, { timeout: 20_000 }).toBeGreaterThanOrEqual(s.tally.byType.join);
      const { rows } = await db.query<{ type: string; n: number }>('select type, count(*)::int as n from events group by type');
      const count = (t: string) => rows.find((r) => r.type === t)?.n ?? 0;
      expect(count('MESSAGE_CREATE')).toBe(0);
      expect(count('GUILD_MEMBER_ADD')).toBe(s.tally.byType.join);
      const metrics = await (await fetch(`${inproc.url}/metrics`)).text();
      expect(metrics).toMatch(/shard_events_dropped_total\{type="MESSAGE_CREATE",reason="not_needed"\} [1-9]/);
      // The config survives a restart (kept in SQLite while the Worker is away).
      await inproc.stop(2_000);
      const { Spool } = await import('../src/Spool');
      const spool = new Spool(join(dir, 'linked.sqlite'));
      expect(spool.getValue<{ guilds: Record<string, string[]> }>('link-config')?.guilds[guildId]).toEqual(['MESSAGE_REACTION_ADD']);
      spool.close();
    } finally {
      await inproc.stop(0).catch(() => {});
    }
  }, 150_000);
});
