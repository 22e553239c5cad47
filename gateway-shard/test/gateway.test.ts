import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '@edge/simulator/gateway/testing';
import { Scenario } from '@edge/simulator/scenario';
import { startShard, type ShardHandle } from '../src/index';
import { startFakeIngest, type FakeIngest } from './fakeIngest';

const SECRET = 'gateway-test-secret-0123';
const PRIVILEGED = (1 << 12) | (1 << 14) | (1 << 18);
const dir = mkdtempSync(join(tmpdir(), 'shard-gw-'));
let sim: GatewayHarness;
let ingest: FakeIngest;
let shard: ShardHandle | undefined;

beforeAll(async () => {
  sim = await startGatewayHarness({ appFlags: PRIVILEGED, members: 50 });
  ingest = await startFakeIngest(SECRET);
});
afterAll(async () => {
  await shard?.stop(1_000).catch(() => {});
  await ingest?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = () => ({
  DISCORD_BOT_TOKEN: sim.app.botToken,
  DISCORD_API_BASE: sim.api,
  WORKER_URL: ingest.url,
  SHARD_SECRET: SECRET,
  SHARD_SPOOL_PATH: join(dir, 'spool.sqlite'),
  SHARD_PORT: 0,
  SHARD_CONFIG_LINK: 0,
  SHARD_BATCH_MAX_WAIT_MS: 100,
  SHARD_RETRY_MAX_MS: 500,
  logSink: () => {},
});

/** Every scenario message must arrive exactly once under its stable id. */
function missingMessages(scenario: Scenario): string[] {
  return scenario.events.filter((e) => e.type === 'message').map((e) => `MESSAGE_CREATE:${e.messageId}`).filter((id) => !ingest.events.has(id));
}

describe('gateway shard against the simulator gateway', () => {
  it('forwards the stream, resumes after dropped sockets and misses nothing', async () => {
    shard = await startShard(options());
    await expect.poll(async () => (await fetch(`${shard!.url}/health`)).status, { timeout: 15_000 }).toBe(200);
    await expect.poll(() => [...ingest.events.values()].some((e) => e.type === 'GUILD_CREATE')).toBe(true);
    const scenario = new Scenario(sim.state, { seed: 7, record: true });
    await scenario.run(500);
    expect(sim.gateway.dropConnections()).toBe(1);
    await scenario.run(500);
    await expect.poll(() => missingMessages(scenario).length, { timeout: 15_000 }).toBe(0);
    expect(sim.gateway.dropConnections()).toBe(1);
    await scenario.run(500);
    await expect.poll(() => missingMessages(scenario).length, { timeout: 15_000 }).toBe(0);
    const metrics = await (await fetch(`${shard.url}/metrics`)).text();
    expect(metrics).toMatch(/shard_gateway_resumes_total\{shard="0"\} 2/);
    const health = await (await fetch(`${shard.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', shards: { '0': 'Ready' }, configLink: 'disabled' });
    const byType = (t: string) => [...ingest.events.values()].filter((e) => e.type === t).length;
    expect(byType('MESSAGE_REACTION_ADD')).toBe(scenario.tally.byType.reaction);
    expect(byType('GUILD_MEMBER_ADD')).toBe(scenario.tally.byType.join);
    expect(byType('GUILD_MEMBER_REMOVE')).toBe(scenario.tally.byType.leave);
  });

  it('resumes the same session after a graceful stop and gets what happened meanwhile', async () => {
    await shard!.stop(5_000);
    shard = undefined;
    const before = sim.gateway.counters.resumes ?? 0;
    const scenario = new Scenario(sim.state, { seed: 8, record: true });
    await scenario.run(300);
    shard = await startShard(options());
    await expect.poll(() => missingMessages(scenario).length, { timeout: 15_000 }).toBe(0);
    expect(sim.gateway.counters.resumes ?? 0).toBeGreaterThan(before);
  });

  it('identifies again with the intents a newly needed module asks for, and then forwards its events', async () => {
    await shard?.stop(1_000);
    const GUILDS_AND_MEMBERS = (1 << 0) | (1 << 1);
    const GUILD_MESSAGES = 1 << 9;
    shard = await startShard({ ...options(), SHARD_SPOOL_PATH: join(dir, 'intents.sqlite'), SHARD_INTENTS: GUILDS_AND_MEMBERS });
    const live = () => sim.gateway.sessions().filter((x) => x.connected);
    await expect.poll(() => live().length, { timeout: 15_000 }).toBe(1);
    expect(live()[0]!.intents & GUILD_MESSAGES).toBe(0);
    const identifies = sim.gateway.counters.identifies;
    shard.shard.onLinkMessage({ type: 'config', guilds: {}, defaults: ['MESSAGE_CREATE'], intents: GUILD_MESSAGES });
    await expect.poll(() => live().some((x) => (x.intents & GUILD_MESSAGES) !== 0), { timeout: 15_000 }).toBe(true);
    expect(sim.gateway.counters.identifies).toBe(identifies + 1);
    const scenario = new Scenario(sim.state, { seed: 9, record: true, weights: { message: 1, reaction: 0, join: 0, leave: 0, voiceJoin: 0, voiceMove: 0, voiceLeave: 0 } });
    await scenario.run(50);
    await expect.poll(() => missingMessages(scenario).length, { timeout: 15_000 }).toBe(0);
    // A smaller set than held needs no new session.
    shard.shard.onLinkMessage({ type: 'config', guilds: {}, defaults: [], intents: 0 });
    expect(sim.gateway.counters.identifies).toBe(identifies + 1);
  });
});
