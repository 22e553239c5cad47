import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, cachedApi, invalidateCached } from './client';
import { ApiError } from './ApiError';

let calls: string[] = [];
let fail = false;

beforeEach(() => {
  calls = [];
  fail = false;
  invalidateCached();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`);
    if (fail) return Response.json({ message: 'nope', code: 'RateLimited' }, { status: 429, headers: { 'retry-after': '3' } });
    return init.method === 'GET' ? Response.json({ n: calls.length }) : new Response(null, { status: 204 });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('cachedApi', () => {
  it('shares one request between callers until the TTL runs out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const [a, b] = await Promise.all([cachedApi<{ n: number }>('/api/guilds/1/roles'), cachedApi<{ n: number }>('/api/guilds/1/roles')]);
    expect(a).toEqual(b);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(31_000);
    await cachedApi('/api/guilds/1/roles');
    expect(calls).toHaveLength(2);
  });

  it('drops what a write may have changed in that guild, not other guilds’ or unrelated parts', async () => {
    const paths = ['/api/guilds/1/roles', '/api/guilds/1/members?pageSize=100', '/api/guilds/1/access', '/api/guilds/2/roles'];
    for (const p of paths) await cachedApi(p);
    await api('/api/guilds/1/members/5/roles/6', { method: 'PUT', body: {} });
    for (const p of paths) await cachedApi(p);
    expect(calls.slice(4)).toEqual(['PUT /api/guilds/1/members/5/roles/6', 'GET /api/guilds/1/roles', 'GET /api/guilds/1/members?pageSize=100']);
  });

  it('drops the modules list after a module write', async () => {
    await cachedApi('/api/guilds/1/modules');
    await api('/api/guilds/1/modules/stats/enable', { method: 'POST' });
    await cachedApi('/api/guilds/1/modules');
    expect(calls).toEqual(['GET /api/guilds/1/modules', 'POST /api/guilds/1/modules/stats/enable', 'GET /api/guilds/1/modules']);
  });

  it('does not keep failures, and reports them as ApiError with retryAfter', async () => {
    fail = true;
    const err = await cachedApi('/api/guilds/1/roles').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'RateLimited', retryAfter: 3 });
    fail = false;
    await cachedApi('/api/guilds/1/roles');
    expect(calls).toHaveLength(2);
  });
});
