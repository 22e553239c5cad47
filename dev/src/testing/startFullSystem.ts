import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@edge/simulator';
import { startShard, type ShardHandle } from '@edge/gateway-shard';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../stack/startLocalStack';
import { simulatorVars } from '../lib/simulatorVars';
import { makeTestVars, type WorkerVars } from './makeTestVars';
import { startTestWorker, type TestWorker } from './startTestWorker';

/** Options of {@link startFullSystem}. */
export interface FullSystemOptions {
  stack?: LocalStackOptions;
  /** Simulator seed (demo guild ids are stable per seed). */
  seed?: number;
  /** Start the gateway shard (default true). */
  shard?: boolean;
  /** Extra or replaced Worker variables (a function gets the started simulator, e.g. for `BOT_OWNER_IDS`). */
  vars?: Record<string, string | undefined> | ((sim: FullSystem['sim']) => Record<string, string | undefined>);
  /** Shard settings (e.g. a short batch wait). */
  shardEnv?: Record<string, string | number>;
  /** The shard's clock for `receivedAt` (default `Date.now`): share a fake clock with a scenario. */
  shardClock?: () => number;
  /** A test entry point for the Worker (e.g. one registering a fixture module). */
  entrypoint?: string;
}

/** Everything running, wired as `npm run dev` wires it. */
export interface FullSystem {
  stack: LocalStack;
  sim: Awaited<ReturnType<typeof startSimulator>>;
  worker: TestWorker;
  shard?: ShardHandle;
  vars: WorkerVars;
  /** The Worker's public origin (PUBLIC_URL), `http://localhost:PORT` so Secure cookies work in Chromium. */
  publicUrl: string;
  stop(): Promise<void>;
}

/** A free loopback port (the Worker must know its own URL before it starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the local stack, the Discord simulator with its demo guild, the real Worker in workerd
 * (pointed at the simulator: REST, OAuth2, interactions signed by its key) and the gateway
 * shard delivering to the Worker's `/ingest`: the whole system, for end-to-end tests.
 */
export async function startFullSystem(options: FullSystemOptions = {}): Promise<FullSystem> {
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const stack = await startLocalStack(options.stack);
    stops.push(() => stack.stop());
    const sim = await startSimulator({ port: 0, seed: options.seed ?? 7, oauthAutoApprove: false });
    stops.push(() => sim.stop());
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    const a = sim.application;
    const vars = makeTestVars(stack, {
      ...simulatorVars(sim),
      PUBLIC_URL: publicUrl,
      WORKER_SELF_URL: `http://127.0.0.1:${port}`,
      ...(typeof options.vars === 'function' ? options.vars(sim) : options.vars),
    });
    const worker = await startTestWorker({ vars, port, ...(options.entrypoint && { entrypoint: options.entrypoint }) });
    stops.push(() => worker.stop());
    sim.interactions.setEndpoint(`${worker.url}/interactions`);
    let shard: ShardHandle | undefined;
    if (options.shard !== false) {
      const dir = mkdtempSync(join(tmpdir(), 'edge-shard-'));
      stops.push(async () => rmSync(dir, { recursive: true, force: true }));
      shard = await startShard({
        DISCORD_BOT_TOKEN: a.botToken,
        DISCORD_API_BASE: sim.api,
        WORKER_URL: worker.url,
        SHARD_SECRET: vars.SHARD_SECRET!,
        SHARD_SPOOL_PATH: join(dir, 'spool.sqlite'),
        SHARD_PORT: 0,
        SHARD_BATCH_MAX_WAIT_MS: 500,
        ...options.shardEnv,
        clock: options.shardClock,
      } as never);
      stops.push(() => shard!.stop(1_000));
    }
    return { stack, sim, worker, shard, vars, publicUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
