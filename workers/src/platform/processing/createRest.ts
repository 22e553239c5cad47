import { REST } from '@discordjs/rest';
import type { Config } from '../../env';
import { requestRestClients } from '../../api/discord/botRest';

const cache = new Map<string, REST>();

/**
 * The bot's REST client (`@discordjs/rest`: rate-limit buckets, 429 retry-after honoured),
 * pointed at `DISCORD_API_BASE` when set (the simulator). One per request in the Worker's
 * handlers (inside `withRequestRest`: a client shared by concurrent requests makes one wait on
 * another's I/O, which workerd cancels as hung), else one per isolate and token (a Durable
 * Object's). No sweep timers: Workers forbid global intervals and an isolate is short-lived anyway.
 */
export function createRest(config: Pick<Config, 'DISCORD_API_BASE' | 'DISCORD_BOT_TOKEN'>): REST {
  const api = config.DISCORD_API_BASE || 'https://discord.com/api';
  const key = `${api}|${config.DISCORD_BOT_TOKEN}`;
  const clients = requestRestClients() ?? cache;
  let rest = clients.get(key);
  if (!rest) {
    rest = new REST({ version: '10', api, retries: 3, timeout: 10_000, hashSweepInterval: 0, handlerSweepInterval: 0 }).setToken(config.DISCORD_BOT_TOKEN);
    clients.set(key, rest);
  }
  return rest;
}
