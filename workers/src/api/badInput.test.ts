import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBackends, startApiHarness, type ApiHarness } from './testing/apiHarness';

describe.each(apiBackends())('%s', (_backend, backends) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ backends });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const state = () => h.sim.services.state;
  const call = async (method: string, path: string, rawBody: string) => {
    const res = await h.request(`/api/guilds/${h.demo.guildId}${path}`, { method, headers: h.headers('owner'), body: rawBody });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as { code?: string; details?: { issues?: { path: string }[] } } };
  };

  describe('bad input is refused before any effect (#12 item 7)', () => {
    it('a lone surrogate or NUL in a channel or role name: 400, and nothing was created on Discord', async () => {
      const channels = Object.keys(state().data.channels).length;
      const roles = Object.keys(state().guild(h.demo.guildId).roles).length;
      for (const name of ['"bad\\ud800name"', '"bad\\u0000name"', '"\\udc00"']) {
        const ch = await call('POST', '/channels', `{"name":${name}}`);
        expect(ch.status, name).toBe(400);
        expect(ch.body.code).toBe('ValidationError');
        expect(ch.body.details?.issues?.[0]?.path).toBe('body.name');
        const role = await call('POST', '/roles', `{"name":${name}}`);
        expect(role.status, name).toBe(400);
      }
      expect(Object.keys(state().data.channels)).toHaveLength(channels);
      expect(Object.keys(state().guild(h.demo.guildId).roles)).toHaveLength(roles);
    });

    it('a lone surrogate in a moderation reason is a 400, not a 502 "Discord outage"; the member stays', async () => {
      const target = h.demo.memberIds[12]!;
      for (const route of ['kick', 'ban', 'timeout']) {
        const res = await call('POST', `/members/${target}/${route}`, route === 'timeout' ? '{"duration":60,"reason":"x\\ud800"}' : '{"reason":"x\\ud800"}');
        expect(res.status, route).toBe(400);
        expect(res.body.code).toBe('ValidationError');
      }
      expect(state().guild(h.demo.guildId).members[target]).toBeDefined();
    });

    it('a module config nested 3,000 levels deep is a 400, and the module is unchanged', async () => {
      const deep = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
      const res = await call('PUT', '/modules/welcome/config', `{"config":${deep}}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ValidationError');
      const mod = await h.request(`/api/guilds/${h.demo.guildId}/modules/welcome`, { headers: h.headers('owner') });
      expect(mod.status).toBe(200);
    });
  });
});
