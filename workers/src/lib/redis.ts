import { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../env';
import { countUsage } from './usage';

const clients = new Map<string, Redis>();

/** The Upstash REST client for this isolate (HTTP, so one instance serves every request). */
export function getRedis(config: Pick<Config, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>): Redis {
  const key = `${config.UPSTASH_REDIS_REST_URL}\n${config.UPSTASH_REDIS_REST_TOKEN}`;
  let client = clients.get(key);
  if (!client) {
    // No base64 answers: what we store is JSON text (valid UTF-8), and decoding base64 cost
    // ~2 ms of CPU per request that reads a member list (measured in workerd, issue 11).
    // No auto-pipelining: this client is shared by the isolate's concurrent requests, and a
    // command joining another request's pipeline waits on that request's fetch, which workerd
    // cancels as a hung request ("code had hung", seen in the dashboard e2e under load).
    client = new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      enableTelemetry: false,
      responseEncoding: false,
      enableAutoPipelining: false,
    });
    // Counted for the free-tier meter (Upstash bills each command, a pipeline's one by one).
    client.use((req, next) => {
      const path = req.path?.[0];
      countUsage('upstashCommands', (path === 'pipeline' || path === 'multi-exec') && Array.isArray(req.body) ? req.body.length : 1);
      return next(req);
    });
    clients.set(key, client);
  }
  return client;
}
