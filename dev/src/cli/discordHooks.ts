import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Logger } from '../lib/log';
import { simulatorVars } from '../lib/simulatorVars';

/** What the Discord simulator hook gives the Worker and the table. */
export interface DiscordHookResult {
  vars: Record<string, string>;
  rows: [string, string][];
  stop(): Promise<void>;
}

/** The simulator hook also hands back the simulator, for the demo wiring. */
export interface SimulatorHookResult extends DiscordHookResult {
  sim: SimulatorLike;
}

/** True when `.dev.vars` holds real Discord credentials (then the simulator is not started). */
export const hasRealDiscord = (vars: Record<string, string>) =>
  Boolean(vars.DISCORD_BOT_TOKEN && !vars.DISCORD_BOT_TOKEN.startsWith('<') && !vars.DISCORD_API_BASE);

/**
 * HOOK: the Discord simulator (`startSimulator` from simulator/src). Started when `.dev.vars`
 * has no real Discord credentials; the Worker's Discord variables then point at it. Skipped
 * with a log line when the simulator cannot be loaded.
 */
export async function startDiscordSimulator(root: string, port: number, dataDir: string, log: Logger): Promise<SimulatorHookResult | undefined> {
  let mod: { startSimulator?: (o: object) => Promise<SimulatorLike> };
  try {
    mod = await import(pathToFileURL(join(root, 'simulator/src/index.ts')).href);
  } catch (err) {
    log('warn', 'Discord simulator not available, skipped', { error: (err as Error).message });
    return undefined;
  }
  if (typeof mod.startSimulator !== 'function') return undefined;
  const sim = await mod.startSimulator({ port, stateFile: join(dataDir, 'simulator.json') });
  return {
    sim,
    vars: simulatorVars(sim),
    rows: [
      [`${sim.url}/`, 'Discord simulator: demo client — chat and run slash commands as a demo member'],
      [`${sim.url}/api/v10`, 'Discord simulator: REST'],
      [sim.gatewayUrl, 'Discord simulator: gateway'],
      [`${sim.url}/oauth2`, 'Discord simulator: OAuth2'],
    ],
    stop: () => sim.stop(),
  };
}

/** What the dev orchestrator uses of the simulator (see simulator/src/index.ts). */
export interface SimulatorLike {
  url: string;
  api: string;
  gatewayUrl: string;
  guildId: string;
  state: unknown;
  application: { id: string; publicKey: string; botToken: string; clientId: string; clientSecret: string };
  interactions: { setEndpoint(url: string): void };
  stop(): Promise<void>;
}

/**
 * The gateway shard (`startShard` from gateway-shard/src), delivering to the Worker's `/ingest`
 * with its spool in `.data/`, so a restart resumes the Discord session.
 */
export async function startGatewayShard(
  root: string,
  opts: { port: number; workerUrl: string; vars: Record<string, string>; dataDir: string },
  log: Logger,
): Promise<DiscordHookResult | undefined> {
  let mod: { startShard?: (o: object) => Promise<{ url: string; stop(drainMs?: number): Promise<void> }> };
  try {
    mod = await import(pathToFileURL(join(root, 'gateway-shard/src/index.ts')).href);
  } catch (err) {
    log('warn', 'gateway shard not available, skipped', { error: (err as Error).message });
    return undefined;
  }
  if (typeof mod.startShard !== 'function') return undefined;
  const shard = await mod.startShard({
    DISCORD_BOT_TOKEN: opts.vars.DISCORD_BOT_TOKEN,
    DISCORD_API_BASE: opts.vars.DISCORD_API_BASE,
    WORKER_URL: opts.workerUrl,
    SHARD_SECRET: opts.vars.SHARD_SECRET,
    SHARD_SPOOL_PATH: join(opts.dataDir, 'shard-spool.sqlite'),
    SHARD_PORT: opts.port,
    // A short batch wait keeps the local dashboard's live feed snappy; production keeps 5 s.
    SHARD_BATCH_MAX_WAIT_MS: Number(process.env.SHARD_BATCH_MAX_WAIT_MS ?? 1_000),
    logSink: (line: string) => {
      if (/"level":"(warn|error)"/.test(line)) process.stderr.write(`${line}\n`);
    },
  });
  return {
    vars: {},
    rows: [
      [`${shard.url}/health`, 'gateway shard: health (spool depth, last ack)'],
      [`${shard.url}/metrics`, 'gateway shard: Prometheus metrics'],
    ],
    stop: () => shard.stop(2_000),
  };
}
