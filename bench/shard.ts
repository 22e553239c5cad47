/**
 * Gateway shard bench (`npm run bench`, suite `shard`):
 * - `spool.events_per_s`: durable spool writes (event + session in one SQLite transaction, WAL).
 * - `ingest.e2e_events_per_s`: simulator → shard → Worker `/ingest` (workerd) → Postgres (PGlite).
 * - `shard.rss_mb` and `shard.rss_ratio_to_discordjs`: peak RSS of the shard and of a default
 *   discord.js `Client`, each in its own process, connected at the same time to a simulator with
 *   1,000 guilds / 100,000 members while the scenario runs.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';
import { makeTestVars, startLocalStack, startTestWorker } from '../dev/src/testing';
import { startShard } from '../gateway-shard/src/index';
import { DEFAULT_INTENTS, LIFECYCLE_INTENTS } from '../gateway-shard/src/intents';
import { Spool } from '../gateway-shard/src/Spool';
import { startFakeIngest } from '../gateway-shard/test/fakeIngest';
import { spawnShard } from '../gateway-shard/test/spawnShard';
import { startSimulator } from '../simulator/src/index';
import { populateGuilds } from '../simulator/src/scenario/populate';
import { Scenario } from '../simulator/src/scenario';
import type { Figure } from './run';

const SECRET = 'bench-shard-secret-0123456789';
const INTENTS = DEFAULT_INTENTS | LIFECYCLE_INTENTS;
/** Node flags of the shard's deployment (Dockerfile, systemd unit): a 1 MB semi-space keeps the young generation small. */
const SHARD_NODE_ARGS = ['--max-semi-space-size=1'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Durable writes per second through the same call the shard makes per dispatch. */
function benchSpool(dir: string, count = 30_000): number {
  const spool = new Spool(join(dir, 'bench-spool.sqlite'));
  const payload = JSON.stringify({ id: '1234567890123456789', channel_id: '1234567890123456789', content: 'x'.repeat(200), author: { id: '1', username: 'u' } });
  const t0 = performance.now();
  for (let i = 1; i <= count; i++) {
    spool.store(
      { eventId: `MESSAGE_CREATE:${i}`, shardId: 0, type: 'MESSAGE_CREATE', guildId: '1', payload, priority: false, receivedAt: Date.now() },
      { shardId: 0, shardCount: 1, sessionId: 's', resumeURL: 'ws://x', sequence: i },
    );
  }
  const perS = count / ((performance.now() - t0) / 1_000);
  spool.close();
  return perS;
}

/** Events per second from the first dispatch to the last row in Postgres. */
async function benchEndToEnd(dir: string, count = 6_000): Promise<number> {
  const stack = await startLocalStack();
  const vars = makeTestVars(stack, { SHARD_SECRET: SECRET });
  const entrypoint = fileURLToPath(new URL('../gateway-shard/test/fixtures/ingestWorker.ts', import.meta.url));
  const [worker, sim] = await Promise.all([startTestWorker({ vars, entrypoint }), startSimulator({ port: 0, members: 200, gateway: { replayBufferSize: 50_000 } })]);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const shard = await startShard({
    DISCORD_BOT_TOKEN: sim.application.botToken, DISCORD_API_BASE: sim.api, WORKER_URL: worker.url, SHARD_SECRET: SECRET,
    SHARD_SPOOL_PATH: join(dir, 'e2e.sqlite'), SHARD_PORT: 0, SHARD_CONFIG_LINK: 0, SHARD_BATCH_MAX_WAIT_MS: 200, logSink: () => {},
  });
  try {
    while ((await fetch(`${shard.url}/health`)).status !== 200) await sleep(100);
    const base = Number((await db.query('select count(*)::int n from events')).rows[0].n);
    const scenario = new Scenario(sim.state, { seed: 5, weights: { voiceJoin: 0, voiceMove: 0, voiceLeave: 0 } });
    const t0 = performance.now();
    await scenario.run(count, 200);
    const deadline = Date.now() + 90_000;
    while (Number((await db.query('select count(*)::int n from events')).rows[0].n) - base < count) {
      if (Date.now() > deadline) throw new Error('e2e bench: events did not all reach Postgres in 90 s');
      await sleep(50);
    }
    return count / ((performance.now() - t0) / 1_000);
  } finally {
    await shard.stop(1_000).catch(() => {});
    await db.end();
    await Promise.all([worker.stop(), sim.stop()]);
    await stack.stop();
  }
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Peak RSS of the shard and of discord.js, side by side on the same simulated load. */
async function benchRss(dir: string): Promise<{ shard: number; djs: number; guilds: number }> {
  const sim = await startSimulator({ port: 0, demo: false });
  const guildIds = populateGuilds(sim.state, { guilds: 1_000, membersPerGuild: 100, botUserId: sim.application.botUserId });
  const ingest = await startFakeIngest(SECRET);
  // The shard as deployed: bundled, plain node, with the documented young-generation cap.
  const entry = fileURLToPath(new URL('../gateway-shard/dist/bench-cli.mjs', import.meta.url));
  await build({ entryPoints: [fileURLToPath(new URL('../gateway-shard/src/cli.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: entry, logLevel: 'error' });
  const shard = await spawnShard(
    {
      DISCORD_BOT_TOKEN: sim.application.botToken, DISCORD_API_BASE: sim.api, WORKER_URL: ingest.url, SHARD_SECRET: SECRET,
      SHARD_SPOOL_PATH: join(dir, 'rss.sqlite'), SHARD_CONFIG_LINK: '0', SHARD_INTENTS: String(INTENTS),
    },
    { entry, nodeArgs: SHARD_NODE_ARGS },
  );
  const djs = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/djsClient.mjs', import.meta.url))], {
    env: { ...process.env, DISCORD_BOT_TOKEN: sim.application.botToken, DISCORD_API_BASE: sim.api, INTENTS: String(INTENTS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let djsReady = false;
  djs.stdout!.on('data', (c: Buffer) => (djsReady ||= c.toString().includes('"msg":"ready"')));
  try {
    const deadline = Date.now() + 60_000;
    while (!djsReady || (await shard.health()).status !== 'ok') {
      if (Date.now() > deadline) throw new Error('rss bench: clients did not connect in 60 s');
      await sleep(250);
    }
    const scenario = new Scenario(sim.state, { seed: 11, guildIds });
    scenario.start(400);
    const peak = { shard: 0, djs: 0 };
    for (let i = 0; i < 30; i++) {
      await sleep(500);
      peak.shard = Math.max(peak.shard, rssMb(shard.child.pid!));
      peak.djs = Math.max(peak.djs, rssMb(djs.pid!));
    }
    scenario.stop();
    return { ...peak, guilds: guildIds.length };
  } finally {
    djs.kill('SIGKILL');
    await shard.kill9();
    await ingest.close();
    await sim.stop();
  }
}

/** Runs the shard bench; bounded (about a minute and a half here). */
export async function runShardBench(): Promise<Record<string, Figure>> {
  const dir = mkdtempSync(join(tmpdir(), 'shard-bench-'));
  try {
    const spool = benchSpool(dir);
    const e2e = await benchEndToEnd(dir);
    const rss = await benchRss(dir);
    return {
      'spool.events_per_s': { value: Math.round(spool), unit: 'events/s' },
      'ingest.e2e_events_per_s': { value: Math.round(e2e), unit: 'events/s' },
      'shard.rss_mb': { value: Math.round(rss.shard * 10) / 10, unit: 'MB' },
      'shard.rss_ratio_to_discordjs': { value: Math.round((rss.shard / rss.djs) * 1000) / 1000, unit: 'ratio', baseline: Math.round(rss.djs * 10) / 10 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runShardBench(), null, 2));
}
