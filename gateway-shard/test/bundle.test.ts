import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, type GatewayHarness } from '@edge/simulator/gateway/testing';
import { buildShard } from '../build.mjs';
import { startFakeIngest, type FakeIngest } from './fakeIngest';
import { spawnShard, type ShardProcess } from './spawnShard';

const SECRET = 'bundle-test-secret-0123';
const RUN = fileURLToPath(new URL('../run.sh', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shard-bundle-'));
let sim: GatewayHarness;
let ingest: FakeIngest;
let shard: ShardProcess | undefined;

beforeAll(async () => {
  await buildShard();
  [sim, ingest] = await Promise.all([startGatewayHarness({ appFlags: (1 << 12) | (1 << 14) | (1 << 18), members: 30 }), startFakeIngest(SECRET)]);
}, 60_000);
afterAll(async () => {
  await shard?.kill9().catch(() => {});
  await ingest?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The shard as users run it: the esbuild bundle started by run.sh with its node flags. */
describe('bundled shard through run.sh', () => {
  it('refuses a bad configuration with a JSON error line and exit code 2, without V8 warnings', async () => {
    const child = spawn('sh', [RUN], { env: { PATH: process.env.PATH, WORKER_URL: 'nope' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(JSON.parse(stderr.trim())).toMatchObject({ level: 'error', msg: expect.stringMatching(/DISCORD_BOT_TOKEN: missing.*WORKER_URL: must be a URL/) });
  });

  it('connects, forwards over node:http, serves /health and /metrics, and stops on SIGTERM', async () => {
    shard = await spawnShard(
      { DISCORD_BOT_TOKEN: sim.app.botToken, DISCORD_API_BASE: sim.api, WORKER_URL: ingest.url, SHARD_SECRET: SECRET, SHARD_SPOOL_PATH: join(dir, 'spool.sqlite'), SHARD_CONFIG_LINK: '0', SHARD_BATCH_MAX_WAIT_MS: '100' },
      { script: RUN },
    );
    await expect.poll(async () => (await shard!.health()).status, { timeout: 15_000 }).toBe('ok');
    await expect.poll(() => [...ingest.events.values()].some((e) => e.type === 'GUILD_CREATE'), { timeout: 10_000 }).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${shard.port}/metrics`)).text();
    expect(metrics).toMatch(/shard_events_received_total\{type="GUILD_CREATE"\} 1/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
    expect(await shard.stop()).toBe(0);
    shard = undefined;
  });
});
