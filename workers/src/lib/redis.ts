import { AsyncLocalStorage } from 'node:async_hooks';
import { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../env';
import { countUsage } from './usage';

type RedisConfig = Pick<Config, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>;

const clients = new Map<string, Redis>();
/** Clients of the current request (see {@link withRequestRedis}). */
const requestClients = new AsyncLocalStorage<Map<string, Redis>>();

function createClient(config: RedisConfig, autoPipeline: boolean): Redis {
  // No base64 answers: what we store is JSON text (valid UTF-8), and decoding base64 cost
  // ~2 ms of CPU per request that reads a member list (measured in workerd, issue 11).
  const client = new Redis({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    enableTelemetry: false,
    responseEncoding: false,
    enableAutoPipelining: autoPipeline,
  });
  // Counted for the free-tier meter (Upstash bills each command, a pipeline's one by one).
  client.use((req, next) => {
    const path = req.path?.[0];
    countUsage('upstashCommands', (path === 'pipeline' || path === 'multi-exec') && Array.isArray(req.body) ? req.body.length : 1);
    return next(req);
  });
  return client;
}

const keyOf = (config: RedisConfig) => `${config.UPSTASH_REDIS_REST_URL}\n${config.UPSTASH_REDIS_REST_TOKEN}`;

/**
 * The Upstash REST client for this isolate (HTTP, so one instance serves every request; safe
 * to keep in isolate-level objects). No auto-pipelining: shared by concurrent requests, a
 * command joining another request's pipeline would wait on that request's fetch, which workerd
 * cancels as a hung request.
 */
export function getRedis(config: RedisConfig): Redis {
  const key = keyOf(config);
  let client = clients.get(key);
  if (!client) clients.set(key, (client = createClient(config, false)));
  return client;
}

/** Runs `fn` (a request's handling) with its own pipelining Redis client ({@link requestRedis}). */
export function withRequestRedis<T>(fn: () => Promise<T>): Promise<T> {
  return requestClients.run(new Map(), fn);
}

/**
 * The current request's client: commands it issues together (a page's Discord reads) share one
 * HTTP request. Never keep it beyond the request; outside one, the isolate's {@link getRedis}.
 */
export function requestRedis(config: RedisConfig): Redis {
  const scoped = requestClients.getStore();
  if (!scoped) return getRedis(config);
  const key = keyOf(config);
  let client = scoped.get(key);
  if (!client) scoped.set(key, (client = createClient(config, true)));
  return client;
}
