import { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../env';

const clients = new Map<string, Redis>();

/** The Upstash REST client for this isolate (HTTP, so one instance serves every request). */
export function getRedis(config: Pick<Config, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>): Redis {
  const key = `${config.UPSTASH_REDIS_REST_URL}\n${config.UPSTASH_REDIS_REST_TOKEN}`;
  let client = clients.get(key);
  if (!client) {
    client = new Redis({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN, enableTelemetry: false });
    clients.set(key, client);
  }
  return client;
}
