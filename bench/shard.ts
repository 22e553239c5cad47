/**
 * Gateway shard bench (`npm run bench`, suite `shard`):
 * - `spool.events_per_s`: durable spool writes (event + session in one SQLite transaction, WAL).
 * - `ingest.e2e_events_per_s`: simulator → shard → Worker `/ingest` (workerd) → Postgres (PGlite).
 * - `shard.rss_mb` / `shard.rss_ratio_to_discordjs`: the shard's RSS against a default discord.js
 *   `Client`'s on the same load (baseline = discord.js, ratio = shard / discord.js).
 *
 * RSS method (the issue asks for "a default discord.js Client on the same load"):
 * - Load: the simulator with 1,000 guilds × 100 members (100,000 members), then exactly
 *   20,000 scenario actions (messages, reactions, joins, leaves, voice) at 500/s.
 * - Same intents for both, the ones the Welcome + Stats modules need: Guilds, GuildMembers,
 *   GuildMessages, GuildMessageReactions, GuildVoiceStates, MessageContent (no presences).
 *   With GuildMembers and Discord's default `large_threshold` (50), GUILD_CREATE of a
 *   100-member guild lists no members, for both clients alike.
 * - The shard runs the way users run it: the bundle from `gateway-shard/build.mjs` started by
 *   `sh gateway-shard/run.sh` (what `npm run shard`, the Dockerfile and the systemd unit run,
 *   with their Node flags), config link off (it then forwards every event: the most work).
 * - discord.js runs as a typical bot does: `bench/fixtures/djsClient.mjs` by plain `node`, default
 *   caches and sweepers, handlers counting what Welcome + Stats count, nothing fetched. A second
 *   discord.js process gets the shard's memory flags (all but --jitless: discord.js needs
 *   WebAssembly for undici) so the flags' share of the gap is visible, not hidden.
 * - Same window: all processes are connected to the same simulator at once and see the same
 *   dispatches. Peak = `VmHWM` (kernel high-water mark: connect burst + scenario) read after the
 *   20,000th action is processed; steady = median `VmRSS` over the second half of the scenario.
 *   Also reported: private memory (`RssAnon`: RSS minus the mapped node binary and libraries),
 *   CPU seconds over the scenario, and an idle `node` in the same run (the floor of any Node process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayIntentBits as I } from 'discord-api-types/v10';
import pg from 'pg';
import { makeTestVars, startLocalStack, startTestWorker } from '@edge/dev/testing';
import { buildShard } from '../gateway-shard/build.mjs';
import { startShard } from '@edge/gateway-shard';
import { Spool } from '../gateway-shard/src/Spool';
import { startFakeIngest } from '../gateway-shard/test/fakeIngest';
import { startSimulator } from '@edge/simulator';
import { Scenario } from '@edge/simulator/scenario';
import type { Figure } from './run';
import { measureRss } from './shardRss';

const SECRET = 'bench-shard-secret-0123456789';
/** The intents of a bot running the Welcome + Stats modules, given to both processes. */
const INTENTS = I.Guilds | I.GuildMembers | I.GuildMessages | I.GuildMessageReactions | I.GuildVoiceStates | I.MessageContent;
const RSS_LOAD = { guilds: 1_000, membersPerGuild: 100, events: 20_000, rate: 500, intents: INTENTS };
/** `run.sh`'s memory flags minus --jitless / --no-expose-wasm, for the discord.js control. */
const SHARD_MEMORY_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=64', '--v8-pool-size=1'];
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

/** Events per second from the first dispatch to the last delivery (the fixture's hub records each in Postgres). */
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

/** RSS of the shard, discord.js (default, and with the shard's memory flags) and an idle node, on one load. */
async function benchRss(dir: string) {
  const ingest = await startFakeIngest(SECRET);
  await buildShard();
  const root = fileURLToPath(new URL('../', import.meta.url));
  const djs = fileURLToPath(new URL('./fixtures/djsClient.mjs', import.meta.url));
  try {
    return await measureRss(RSS_LOAD, [
      { name: 'node', args: ['-e', 'setInterval(() => {}, 1e3)'], connects: false },
      {
        name: 'shard',
        command: 'sh',
        args: [join(root, 'gateway-shard/run.sh')],
        env: { WORKER_URL: ingest.url, SHARD_SECRET: SECRET, SHARD_SPOOL_PATH: join(dir, 'rss.sqlite'), SHARD_CONFIG_LINK: '0', SHARD_INTENTS: String(INTENTS), SHARD_PORT: '0' },
      },
      { name: 'djs', args: [djs] },
      { name: 'djsFlags', args: [...SHARD_MEMORY_FLAGS, djs], env: { MALLOC_ARENA_MAX: '2' } },
    ]);
  } finally {
    await ingest.close();
  }
}

/** Runs the shard bench; bounded (about two minutes here). */
export async function runShardBench(): Promise<Record<string, Figure>> {
  const dir = mkdtempSync(join(tmpdir(), 'shard-bench-'));
  try {
    const spool = benchSpool(dir);
    const e2e = await benchEndToEnd(dir);
    const rss = await benchRss(dir);
    const { shard, djs, djsFlags, node } = rss as Record<string, (typeof rss)[string]>;
    const r1 = (n: number) => Math.round(n * 10) / 10;
    const r3 = (n: number) => Math.round(n * 1000) / 1000;
    return {
      'spool.events_per_s': { value: Math.round(spool), unit: 'events/s' },
      'ingest.e2e_events_per_s': { value: Math.round(e2e), unit: 'events/s' },
      'shard.rss_mb': { value: r1(shard!.peakMb), unit: 'MB (peak VmHWM)', baseline: r1(djs!.peakMb), ratio: r3(shard!.peakMb / djs!.peakMb) },
      'shard.rss_ratio_to_discordjs': { value: r3(shard!.peakMb / djs!.peakMb), unit: 'ratio (peak RSS)', baseline: r1(djs!.peakMb) },
      'shard.rss_steady_mb': { value: r1(shard!.steadyMb), unit: 'MB (median RSS, 2nd half of scenario)', baseline: r1(djs!.steadyMb), ratio: r3(shard!.steadyMb / djs!.steadyMb) },
      'shard.rss_private_mb': { value: r1(shard!.steadyAnonMb), unit: 'MB (median RssAnon)', baseline: r1(djs!.steadyAnonMb), ratio: r3(shard!.steadyAnonMb / djs!.steadyAnonMb) },
      'shard.rss_ratio_to_discordjs_same_flags': { value: r3(shard!.peakMb / djsFlags!.peakMb), unit: 'ratio (peak RSS, discord.js with the shard memory flags)', baseline: r1(djsFlags!.peakMb) },
      'shard.cpu_s': { value: r1(shard!.cpuS), unit: `s CPU for ${RSS_LOAD.events} actions`, baseline: r1(djs!.cpuS), ratio: r3(shard!.cpuS / djs!.cpuS) },
      'shard.node_idle_rss_mb': { value: r1(node!.peakMb), unit: 'MB (idle node, no flags: floor of any Node process)' },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runShardBench(), null, 2));
}
