import { randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisRest, type RedisRestService } from './startRedisRest';

const backends: [string, string | undefined][] = [['embedded engine', undefined]];
if (process.env.TEST_REDIS_URL) backends.push(['real Redis (TEST_REDIS_URL)', process.env.TEST_REDIS_URL]);

describe.each(backends)('Upstash REST endpoint on %s', (_name, redisUrl) => {
  let svc: RedisRestService;
  let redis: Redis;
  const k = (s: string) => `test:${randomUUID()}:${s}`;

  beforeAll(async () => {
    svc = await startRedisRest({ port: 0, token: 'tok-123', redisUrl });
    redis = new Redis({ url: svc.url, token: svc.token, enableTelemetry: false, retry: false });
  });
  afterAll(() => svc?.stop());

  it('runs commands through the real @upstash/redis client (base64 encoding)', async () => {
    expect(await redis.ping()).toBe('PONG');
    const key = k('s');
    expect(await redis.set(key, 'héllo wörld', { ex: 60 })).toBe('OK');
    expect(await redis.get(key)).toBe('héllo wörld');
    expect(await redis.incrby(k('n'), 5)).toBe(5);
    const h = k('h');
    await redis.hset(h, { a: '1', b: 'x' });
    expect(await redis.hgetall(h)).toEqual({ a: 1, b: 'x' });
    expect(await redis.mget(key, k('missing'))).toEqual(['héllo wörld', null]);
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });

  it('runs pipelines and multi-exec', async () => {
    const key = k('p');
    const p = redis.pipeline();
    p.set(key, '1');
    p.incr(key);
    p.get(key);
    expect(await p.exec()).toEqual(['OK', 2, 2]);
    const tx = redis.multi();
    tx.incr(key);
    tx.lpush(k('l'), 'a', 'b');
    expect(await tx.exec()).toEqual([3, 2]);
  });

  it('reports a per-command error inside a pipeline', async () => {
    const key = k('x');
    const res = await fetch(`${svc.url}/pipeline`, {
      method: 'POST',
      headers: { authorization: `Bearer ${svc.token}` },
      body: JSON.stringify([['set', key, 'a'], ['incr', key], ['nosuchcommand']]),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Array<{ result?: unknown; error?: string }>;
    expect(body[0]).toEqual({ result: 'OK' });
    expect(body[1]!.error).toMatch(/^ERR/);
    expect(body[2]!.error).toMatch(/unknown command/i);
  });

  it('supports the GET path form', async () => {
    const key = k('g');
    const auth = { authorization: `Bearer ${svc.token}` };
    expect(await (await fetch(`${svc.url}/set/${encodeURIComponent(key)}/v1`, { headers: auth })).json()).toEqual({ result: 'OK' });
    expect(await (await fetch(`${svc.url}/get/${encodeURIComponent(key)}`, { headers: auth })).json()).toEqual({ result: 'v1' });
  });

  it.each([
    // Hour-long windows: a slow machine must not see a window roll over mid-test.
    ['fixed window', Ratelimit.fixedWindow(3, '1 h')],
    ['sliding window', Ratelimit.slidingWindow(3, '1 h')],
    ['token bucket', Ratelimit.tokenBucket(1, '1 h', 3)],
  ])('enforces an @upstash/ratelimit %s (Lua through EVALSHA/EVAL)', async (_n, limiter) => {
    const rl = new Ratelimit({ redis, limiter, prefix: k('rl'), analytics: false, enableProtection: false });
    const outcomes: boolean[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await rl.limit('user-1')).success);
    expect(outcomes).toEqual([true, true, true, false, false]);
    expect((await rl.limit('user-2')).success).toBe(true);
    const rem = await rl.getRemaining('user-1');
    expect(rem.remaining).toBe(0);
  });

  it('answers NOSCRIPT for an unknown sha and SCRIPT LOAD makes EVALSHA work', async () => {
    await expect(redis.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
    const sha = await redis.scriptLoad('return ARGV[1] .. KEYS[1]');
    expect(await redis.evalsha(sha, ['k'], ['v'])).toBe('vk');
  });

  it('rejects a wrong token with 401 and a malformed command with Upstash error shape', async () => {
    const bad = await fetch(svc.url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '["ping"]' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: expect.any(String) });
    for (const body of ['not json', '{"a":1}', '[]', '[{"x":1}]']) {
      const res = await fetch(svc.url, { method: 'POST', headers: { authorization: `Bearer ${svc.token}` }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/^ERR/) });
    }
    const wrongType = await fetch(svc.url, { method: 'POST', headers: { authorization: `Bearer ${svc.token}` }, body: JSON.stringify(['incr', 'x', 'y']) });
    expect(wrongType.status).toBe(400);
    await expect(redis.hset(k('lx'), {})).rejects.toThrow();
  });
});
