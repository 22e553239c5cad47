import { Hono } from 'hono';
import { readConfig } from '../env';
import type { AppEnv } from '../types';
import { usageSnapshot } from '../lib/usage';
import { eventInbox } from '../ingest/inbox/eventInbox';
import { checkPostgres, checkQstash, checkRedis } from './checks';

/**
 * `GET /health/usage`: this isolate's own counters of free-tier use (no secret, no query of
 * any service). `GET /health/inbox`: the EventInbox's backlog (events waiting for delivery,
 * the oldest one's age; counts only, one Durable Object request). `GET /health`: checks Postgres, Redis and QStash for real and reports each with its
 * latency; 503 when one is down or the Worker's variables are wrong (it names them).
 */
export const health = new Hono<AppEnv>().get('/usage', (c) => c.json(usageSnapshot())).get('/inbox', async (c) => c.json(await eventInbox(c.env).status())).get('/', async (c) => {
  const result = readConfig(c.env);
  if (!result.ok) {
    return c.json({ status: 'misconfigured', requestId: c.get('requestId'), config: { ok: false, problems: result.problems } }, 503);
  }
  const [postgres, redis, qstash] = await Promise.all([
    checkPostgres(result.config),
    checkRedis(result.config),
    checkQstash(result.config),
  ]);
  const ok = postgres.ok && redis.ok && qstash.ok;
  // Events set aside do not make the instance unhealthy, but they are never silent.
  const deadLetters = postgres.deadLetters ?? null;
  if (!ok) c.get('log').warn('health degraded', { postgres: postgres.ok, redis: redis.ok, qstash: qstash.ok });
  return c.json(
    { status: ok ? 'ok' : 'degraded', requestId: c.get('requestId'), config: { ok: true }, deadLetters, checks: { postgres, redis, qstash } },
    ok ? 200 : 503,
  );
});
