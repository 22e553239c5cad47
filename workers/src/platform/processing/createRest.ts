import { REST } from '@discordjs/rest';
import type { Config } from '../../env';

const cache = new Map<string, REST>();

/**
 * The bot's REST client (`@discordjs/rest`: rate-limit buckets, 429 retry-after honoured),
 * pointed at `DISCORD_API_BASE` when set (the simulator). One per isolate and token, so the
 * buckets are shared by every request of the isolate. No sweep timers: Workers forbid global
 * intervals and an isolate is short-lived anyway.
 */
export function createRest(config: Pick<Config, 'DISCORD_API_BASE' | 'DISCORD_BOT_TOKEN'>): REST {
  const api = config.DISCORD_API_BASE || 'https://discord.com/api';
  const key = `${api}|${config.DISCORD_BOT_TOKEN}`;
  let rest = cache.get(key);
  if (!rest) {
    rest = new REST({ version: '10', api, retries: 3, timeout: 10_000, hashSweepInterval: 0, handlerSweepInterval: 0 }).setToken(config.DISCORD_BOT_TOKEN);
    cache.set(key, rest);
  }
  return rest;
}
