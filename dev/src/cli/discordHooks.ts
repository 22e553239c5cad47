import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Logger } from '../lib/log';

/** What the Discord simulator hook gives the Worker and the table. */
export interface DiscordHookResult {
  vars: Record<string, string>;
  rows: [string, string][];
  stop(): Promise<void>;
}

/** True when `.dev.vars` holds real Discord credentials (then the simulator is not started). */
export const hasRealDiscord = (vars: Record<string, string>) =>
  Boolean(vars.DISCORD_BOT_TOKEN && !vars.DISCORD_BOT_TOKEN.startsWith('<') && !vars.DISCORD_API_BASE);

/**
 * HOOK: the Discord simulator (`startSimulator` from simulator/src). Started when `.dev.vars`
 * has no real Discord credentials; the Worker's Discord variables then point at it. Skipped
 * with a log line when the simulator cannot be loaded.
 */
export async function startDiscordSimulator(root: string, port: number, dataDir: string, log: Logger): Promise<DiscordHookResult | undefined> {
  let mod: { startSimulator?: (o: object) => Promise<SimulatorLike> };
  try {
    mod = await import(pathToFileURL(join(root, 'simulator/src/index.ts')).href);
  } catch (err) {
    log('warn', 'Discord simulator not available, skipped', { error: (err as Error).message });
    return undefined;
  }
  if (typeof mod.startSimulator !== 'function') return undefined;
  const sim = await mod.startSimulator({ port, stateFile: join(dataDir, 'simulator.json') });
  const a = sim.application;
  return {
    vars: {
      DISCORD_API_BASE: sim.api,
      DISCORD_OAUTH_BASE: sim.url,
      DISCORD_APPLICATION_ID: a.id,
      DISCORD_PUBLIC_KEY: a.publicKey,
      DISCORD_BOT_TOKEN: a.botToken,
      DISCORD_CLIENT_ID: a.clientId,
      DISCORD_CLIENT_SECRET: a.clientSecret,
    },
    rows: [
      [`${sim.url}/api/v10`, 'Discord simulator: REST'],
      [sim.gatewayUrl, 'Discord simulator: gateway'],
      [`${sim.url}/oauth2`, 'Discord simulator: OAuth2'],
    ],
    stop: () => sim.stop(),
  };
}

interface SimulatorLike {
  url: string;
  api: string;
  gatewayUrl: string;
  application: { id: string; publicKey: string; botToken: string; clientId: string; clientSecret: string };
  stop(): Promise<void>;
}

/**
 * HOOK: the gateway shard (`@edge/gateway-shard`). Not wired yet: its package exports no
 * start function. When it does, start it here on SHARD_PORT with the Worker URL, SHARD_SECRET
 * and the Discord variables, and add its `/health` and `/metrics` to the table.
 */
export async function startGatewayShard(): Promise<DiscordHookResult | undefined> {
  return undefined;
}
