import { AsyncLocalStorage } from 'node:async_hooks';
import { REST } from '@discordjs/rest';
import type { Config } from '../../env';
import { toHttpError } from './toHttpError';

const clients = new Map<string, REST>();

/**
 * Clients of the current request (see {@link withRequestRest}). A client shared by concurrent
 * requests queues one request's call behind another's in its per-route handler, and workerd
 * cancels a request that waits on another request's I/O as hung.
 */
const requestClients = new AsyncLocalStorage<Map<string, REST>>();

/** Runs `fn` (a request's handling) with its own bot REST client. */
export function withRequestRest<T>(fn: () => Promise<T>): Promise<T> {
  return requestClients.run(new Map(), fn);
}

/** The current request's clients (inside {@link withRequestRest}), for other REST factories to keep theirs there too. */
export function requestRestClients(): Map<string, REST> | undefined {
  return requestClients.getStore();
}

/**
 * The bot's `@discordjs/rest` client for this request (inside {@link withRequestRest}) or this
 * isolate (it keeps Discord's rate-limit buckets).
 * It never waits out a rate limit: `rejectOnRateLimit` makes it throw, and the API answers
 * 429 with the retry time instead of holding the request (Workers have a time budget).
 */
export function botRest(config: Pick<Config, 'DISCORD_BOT_TOKEN' | 'DISCORD_API_BASE'>): REST {
  const api = (config.DISCORD_API_BASE || 'https://discord.com/api').replace(/\/+$/, '');
  const id = `${api}\n${config.DISCORD_BOT_TOKEN}`;
  const cache = requestClients.getStore() ?? clients;
  let rest = cache.get(id);
  if (!rest) {
    rest = new REST({
      version: '10',
      api,
      rejectOnRateLimit: () => true,
      retries: 0,
      timeout: 10_000,
      // No sweeper timers: an isolate (or a test) must not keep intervals alive.
      handlerSweepInterval: 0,
      hashSweepInterval: 0,
    }).setToken(config.DISCORD_BOT_TOKEN);
    cache.set(id, rest);
  }
  return rest;
}

/** Runs a Discord call and maps its failure to our error shape (429/403/404/502, never 500). */
export async function discordCall<T>(fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (err) {
    throw toHttpError(err);
  }
}
