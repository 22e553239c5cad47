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

  describe('API basics against the simulator', () => {
    it('GET /api/me and /api/guilds for the demo owner', async () => {
      const me = await h.request('/api/me', { headers: h.headers('owner') });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { id: string }).id).toBe(h.users.owner);
      const res = await h.request('/api/guilds', { headers: h.headers('owner') });
      const body = (await res.json()) as { guilds: { id: string; botPresent: boolean; access: string }[] };
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body.guilds.find((g) => g.id === h.demo.guildId)).toMatchObject({ botPresent: true, access: 'owner' });
    });

    it('guild overview', async () => {
      const res = await h.request(`/api/guilds/${h.demo.guildId}`, { headers: h.headers('admin') });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body).toMatchObject({ id: h.demo.guildId, access: 'admin' });
    });
  });

  describe('management against the simulator', () => {
    const g = () => h.demo.guildId;
    const sim = () => h.sim.services.state.guild(h.demo.guildId);
    const call = (persona: 'owner' | 'admin', method: string, path: string, body?: unknown) =>
      h.request(`/api/guilds/${g()}${path}`, { method, headers: h.headers(persona), body: body === undefined ? undefined : JSON.stringify(body) });

    it('kick, ban and timeout reach Discord and the dashboard audit log', async () => {
      const [a, b, t] = [h.demo.memberIds[3]!, h.demo.memberIds[4]!, h.demo.memberIds[5]!];
      expect((await call('admin', 'POST', `/members/${a}/kick`, { reason: 'spam' })).status).toBe(204);
      expect(sim().members[a]).toBeUndefined();
      expect((await call('admin', 'POST', `/members/${b}/ban`, { reason: 'raid', deleteMessageSeconds: 3600 })).status).toBe(204);
      expect(sim().bans[b]).toMatchObject({ reason: 'raid' });
      const timed = await call('admin', 'POST', `/members/${t}/timeout`, { duration: 600 });
      expect(timed.status).toBe(200);
      expect(Date.parse(sim().members[t]!.communication_disabled_until!)).toBeGreaterThan(Date.now() + 590_000);
      expect((await call('admin', 'POST', `/members/${t}/timeout`, { duration: 123 })).status).toBe(400);
      const log = (await (await call('admin', 'GET', '/audit-log?limit=10')).json()) as { entries: { action: string; targetId: string; actorId: string }[] };
      expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['member.kick', 'member.ban', 'member.timeout']));
      expect(log.entries.find((e) => e.action === 'member.kick')).toMatchObject({ targetId: a, actorId: h.users.admin });
    });

    it('creates, changes, clones and deletes a channel and a role', async () => {
      const created = await call('admin', 'POST', '/channels', { name: 'e2e-room', topic: 'hello', rateLimitPerUser: 5 });
      expect(created.status).toBe(201);
      const ch = (await created.json()) as { id: string };
      expect(h.sim.services.state.data.channels[ch.id]).toMatchObject({ name: 'e2e-room' });
      const changed = await call('admin', 'PATCH', `/channels/${ch.id}`, { name: 'e2e-renamed', nsfw: true });
      expect(changed.status).toBe(200);
      expect(h.sim.services.state.data.channels[ch.id]).toMatchObject({ name: 'e2e-renamed', nsfw: true });
      const list = (await (await call('admin', 'GET', '/channels')).json()) as { uncategorized: { id: string }[] };
      expect(list.uncategorized.some((c) => c.id === ch.id)).toBe(true); // cache dropped by our write
      const clone = await call('admin', 'POST', `/channels/${ch.id}/clone`, { name: 'e2e-clone' });
      expect(clone.status).toBe(201);
      expect((await call('admin', 'DELETE', `/channels/${ch.id}`)).status).toBe(204);
      expect(h.sim.services.state.data.channels[ch.id]).toBeUndefined();

      const role = await call('owner', 'POST', '/roles', { name: 'e2e-role', color: 0x00ff00 });
      expect(role.status).toBe(201);
      const r = (await role.json()) as { id: string };
      expect((await call('owner', 'PATCH', `/roles/${r.id}`, { name: 'e2e-role-2', hoist: true })).status).toBe(200);
      expect(sim().roles[r.id]).toMatchObject({ name: 'e2e-role-2', hoist: true });
      const bulk = await call('owner', 'POST', `/roles/${r.id}/members`, { action: 'add', userIds: [h.demo.memberIds[6], h.demo.memberIds[7]] });
      expect(((await bulk.json()) as { results: { ok: boolean }[] }).results.every((x) => x.ok)).toBe(true);
      expect(sim().members[h.demo.memberIds[6]!]!.roles).toContain(r.id);
      expect((await call('owner', 'DELETE', `/roles/${r.id}`)).status).toBe(204);
      expect(sim().roles[r.id]).toBeUndefined();
    });

    it('cannot reach another guild’s channel through an accessible guild (404)', async () => {
      const foreign = h.sim.services.state.channels.create(h.otherGuildId, { name: 'secret', type: 0 } as never);
      const res = await call('admin', 'DELETE', `/channels/${foreign.id}`);
      expect(res.status).toBe(404);
      expect(h.sim.services.state.data.channels[foreign.id]).toBeDefined();
    });

    it('keeps a non-owner admin below their own role and permissions', async () => {
      expect(((await (await call('admin', 'POST', `/members/${h.users.owner}/kick`, {})).json()) as { code: string }).code).toBe('HierarchyViolation');
      const adminRole = h.demo.roles.admin;
      expect((await call('admin', 'DELETE', `/roles/${adminRole}`)).status).toBe(403);
      expect(sim().roles[adminRole]).toBeDefined();
    });

    it('maps Discord 403 (Missing Permissions) and 429 to ours, never 500', async () => {
      // The owner is not limited by our guard; the bot's role sits below Admin, so Discord refuses.
      const forbidden = await call('owner', 'POST', `/members/${h.users.admin}/kick`, {});
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'DiscordForbidden' });
      h.sim.services.rateLimiter.force('GET', `/guilds/${g()}/bans`, { retryAfter: 7 });
      const limited = await call('owner', 'GET', '/bans');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(7);
      expect(await limited.json()).toMatchObject({ code: 'RateLimited', details: { retryAfter: expect.any(Number) } });
    });
  });
});
