import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './testing/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.stop();
});

const BAD_PARAMS = ['x', '-1', '0', '1'.repeat(40), '%00', '..%2F..', '12345678901234567890123'];
const BAD_BODIES = ['{', '[]', 'null', '"text"', '42', '{"name":123}', '{"userIds":"x"}', '{"__proto__":{"admin":true}}', JSON.stringify({ a: { b: { c: { d: [1, 2, { e: null }] } } } }), '{"duration":61}', '{"level":"owner"}', `{"name":"${'x'.repeat(5000)}"}`];

describe('fuzz: malformed params and bodies on every route', () => {
  it('answers 4xx in the standard error shape, never 5xx', async () => {
    const routes = [...new Set(h.app.routes.filter((r) => r.method !== 'ALL' && /^\/(api|auth)\//.test(r.path)).map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(30);
    // A well-formed id that exists nowhere: past validation, Discord answers 404.
    const ghost = '999999999999999999';
    const problems: string[] = [];
    let count = 0;
    for (const key of routes) {
      const [method, path] = key.split(' ') as [string, string];
      const urls = path.includes(':')
        ? [
            ...BAD_PARAMS.map((bad) => path.replace(/:(\w+)/g, (_, p: string) => (p === 'guildId' ? h.demo.guildId : bad))),
            ...BAD_PARAMS.slice(0, 3).map((bad) => path.replace(/:(\w+)/g, bad)),
            path.replace(/:(\w+)/g, (_, p: string) => (p === 'guildId' ? h.demo.guildId : ghost)),
          ]
        : [path, `${path}?page=-1&pageSize=1e9&filter=%00&limit=abc&redirect=//evil.example`];
      const bodies = method === 'GET' ? [undefined] : BAD_BODIES;
      for (const url of urls) {
        for (const body of bodies) {
          // /auth runs anonymous only: a logged-in fuzz of /auth/logout would end the owner's session.
          for (const persona of path.startsWith('/auth') ? (['anonymous'] as const) : (['owner', 'anonymous'] as const)) {
            const res = await h.request(url, { method, headers: { ...h.headers(persona), 'cf-connecting-ip': '10.9.9.9' }, body });
            count++;
            if (res.status >= 500) problems.push(`${method} ${url} ${body?.slice(0, 40)} ${persona} → ${res.status} ${await res.text()}`);
            else if (res.status >= 400) {
              const json = (await res.json().catch(() => null)) as { statusCode?: number; requestId?: string } | null;
              if (json?.statusCode !== res.status || !json.requestId) problems.push(`${method} ${url} → ${res.status} not in the standard shape`);
            }
          }
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    // The owner's session survived the run, so the owner requests above reached validation.
    expect((await h.request('/api/me', { headers: h.headers('owner') })).status).toBe(200);
    expect(problems).toEqual([]);
  }, 300_000);

  it('refuses bodies over 64 KiB with 413', async () => {
    const res = await h.request(`/api/guilds/${h.demo.guildId}/roles`, { method: 'POST', headers: h.headers('owner'), body: JSON.stringify({ name: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
  });
});
