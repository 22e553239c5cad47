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

  it('bad strings (lone surrogates, NUL, huge) and deeply nested JSON in every field of every route: 4xx, never 5xx', async () => {
    const routes = [...new Set(h.app.routes.filter((r) => r.method !== 'ALL' && /^\/(api|auth)\//.test(r.path)).map((r) => `${r.method} ${r.path}`))];
    const BAD = ['\ud800', 'a\udc00b', '\udfff\ud800', 'x\u0000y', '\u0000', 'é'.repeat(40_000)];
    const FIELDS = ['name', 'reason', 'nick', 'topic', 'level', 'action', 'permissions', 'allow', 'deny', 'type', 'plan', 'search', 'config', 'expectedVersion', 'userIds', 'duration', 'color', 'parentId'];
    const deep = (n: number) => '{"config":'.repeat(n) + '{}' + '}'.repeat(n);
    const bodies = [
      ...BAD.flatMap((bad) => FIELDS.map((f) => JSON.stringify({ [f]: bad }))),
      JSON.stringify({ config: { welcome: { message: '\ud800' } } }),
      JSON.stringify({ ['\ud800key']: 1 }),
      JSON.stringify({ userIds: ['\u0000'], action: 'add' }),
      deep(3000),
      deep(40),
      '['.repeat(5000) + ']'.repeat(5000),
    ];
    const QUERIES = ['?search=%00', '?search=%ED%A0%80', '?action=%uD800', '?redirect=%2F%0A%2Fevil', `?search=${'%F0%9F'.repeat(10)}`, `?limit=${'9'.repeat(400)}`];
    const ghost = '999999999999999999';
    const problems: string[] = [];
    let count = 0;
    for (const key of routes) {
      const [method, path] = key.split(' ') as [string, string];
      const url = path.replace(/:(\w+)/g, (_, p: string) => (p === 'guildId' ? h.demo.guildId : p === 'moduleId' ? 'welcome' : ghost));
      const tries: [string, string | undefined][] = [
        ...QUERIES.map((q) => [url + q, undefined] as [string, undefined]),
        [url.replace(ghost, '%ED%A0%80'), undefined],
        [url.replace(ghost, '%00'), undefined],
        ...(method === 'GET' ? [] : bodies.map((b) => [url, b] as [string, string])),
      ];
      for (const [u, body] of tries) {
        const persona = path.startsWith('/auth') ? 'anonymous' : 'owner';
        const res = await h.request(u, { method, headers: { ...h.headers(persona), 'cf-connecting-ip': '10.9.9.8' }, body });
        count++;
        if (res.status >= 500) problems.push(`${method} ${u} ${body?.slice(0, 60)} → ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    }
    expect(count).toBeGreaterThan(3000);
    expect((await h.request('/api/me', { headers: h.headers('owner') })).status).toBe(200);
    expect(problems).toEqual([]);
  }, 600_000);

  it('refuses bodies over 64 KiB with 413', async () => {
    const res = await h.request(`/api/guilds/${h.demo.guildId}/roles`, { method: 'POST', headers: h.headers('owner'), body: JSON.stringify({ name: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
  });
});
