import { OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBackends, startApiHarness, type ApiHarness, type Persona } from './testing/apiHarness';

describe.each(apiBackends())('%s', (_backend, backends) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ backends });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const sim = () => h.sim.services.state.guild(h.demo.guildId);
  async function call(persona: Persona, method: string, path: string, body?: unknown) {
    const res = await h.request(`/api/guilds/${h.demo.guildId}${path}`, { method, headers: h.headers(persona), body: body === undefined ? undefined : JSON.stringify(body) });
    const json = res.status === 204 ? {} : ((await res.json().catch(() => ({}))) as { code?: string; details?: { missing?: string[] } });
    return { status: res.status, code: json.code, missing: json.details?.missing };
  }
  const overwriteOf = (channelId: string, id: string) =>
    (h.sim.services.state.data.channels[channelId] as { permission_overwrites?: { id: string; allow: string }[] }).permission_overwrites?.find((o) => o.id === id);

  describe('Manage Server alone is not a licence to act (#12 item 3)', () => {
    it('cannot give @everyone Manage Server, kick, create roles or delete channels', async () => {
      const general = h.demo.channels['general']!;
      const victim = h.demo.memberIds[16]!;
      expect(await call('manager', 'PUT', `/channels/${general}/permissions/${h.demo.guildId}`, { type: 'role', allow: String(P.ManageGuild), deny: '0' })).toMatchObject({ status: 403, code: 'MissingPermissions', missing: ['Manage Roles'] });
      expect(overwriteOf(general, h.demo.guildId)).toBeUndefined();
      expect(await call('manager', 'POST', `/members/${victim}/kick`, {})).toMatchObject({ status: 403, code: 'MissingPermissions', missing: ['Kick Members'] });
      expect(sim().members[victim]).toBeDefined();
      expect(await call('manager', 'POST', '/roles', { name: 'sneaky' })).toMatchObject({ status: 403, code: 'MissingPermissions' });
      expect(await call('manager', 'DELETE', `/channels/${h.demo.channels['memes']}`)).toMatchObject({ status: 403, code: 'MissingPermissions', missing: ['Manage Channels'] });
      expect(h.sim.services.state.data.channels[h.demo.channels['memes']!]).toBeDefined();
    });

    it('still configures modules: that is the dashboard level, not a Discord action', async () => {
      expect((await call('manager', 'GET', '/modules')).status).toBe(200);
    });

    it('a channel overwrite that takes Manage Channels away from the actor there is obeyed', async () => {
      const memes = h.demo.channels['memes']!;
      const state = h.sim.services.state;
      state.channels.setOverwrite(memes, { id: h.personaRoles.staff, type: OverwriteType.Role, allow: '0', deny: String(P.ManageChannels) });
      expect(await call('staff', 'PATCH', `/channels/${memes}`, { topic: 'x' })).toMatchObject({ status: 403, code: 'MissingPermissions' });
      state.channels.deleteOverwrite(memes, h.personaRoles.staff);
    });
  });

  describe('role hierarchy on members and overwrites (#12 item 4)', () => {
    const owner = () => h.users.owner;
    const moderator = () => h.demo.memberIds[0]!; // holds Moderator, above Staff

    it('nobody but the owner acts on the owner; nobody acts on a member at or above them', async () => {
      expect(await call('staff', 'DELETE', `/members/${owner()}/roles/${h.demo.roles.verified}`)).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(sim().members[owner()]!.roles).toContain(h.demo.roles.verified);
      expect(await call('staff', 'DELETE', `/members/${moderator()}/roles/${h.demo.roles.verified}`)).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(sim().members[moderator()]!.roles).toContain(h.demo.roles.verified);
      expect(await call('staff', 'POST', `/members/${moderator()}/kick`, {})).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await call('admin', 'POST', `/members/${owner()}/kick`, {})).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await call('admin', 'PATCH', `/members/${owner()}/nickname`, { nick: 'x' })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await call('owner', 'POST', `/members/${h.users.admin}/timeout`, { duration: 60 })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
    });

    it('acts on members below: the staff member may kick a plain member and give them a lower role', async () => {
      const plain = h.demo.memberIds[17]!;
      expect((await call('staff', 'PUT', `/members/${plain}/roles/${h.demo.roles.events}`)).status).toBe(204);
      expect(sim().members[plain]!.roles).toContain(h.demo.roles.events);
      expect((await call('staff', 'POST', `/members/${plain}/kick`, {})).status).toBe(204);
      expect(sim().members[plain]).toBeUndefined();
    });

    it('overwrites: not for roles at or above the actor, not for the owner, only with permissions the actor holds, only ids of this guild', async () => {
      const general = h.demo.channels['general']!;
      const put = (id: string, body: unknown) => call('staff', 'PUT', `/channels/${general}/permissions/${id}`, body);
      expect(await put(h.demo.roles.moderator, { type: 'role', allow: '0', deny: String(P.SendMessages) })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await put(h.personaRoles.staff, { type: 'role', allow: String(P.SendMessages), deny: '0' })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await put(owner(), { type: 'member', allow: '0', deny: String(P.SendMessages) })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await put(h.demo.roles.verified, { type: 'role', allow: String(P.BanMembers), deny: '0' })).toMatchObject({ status: 403, code: 'MissingPermissions', missing: ['Ban Members'] });
      expect(await put(h.otherGuildRoleId, { type: 'role', allow: '0', deny: String(P.SendMessages) })).toMatchObject({ status: 404 });
      expect(await put(h.users.foreign, { type: 'member', allow: '0', deny: String(P.SendMessages) })).toMatchObject({ status: 404 });
      for (const id of [h.demo.roles.moderator, h.personaRoles.staff, owner(), h.otherGuildRoleId, h.users.foreign]) expect(overwriteOf(general, id), id).toBeUndefined();
      expect(await put(h.demo.roles.verified, { type: 'role', allow: '0', deny: String(P.SendMessages) })).toMatchObject({ status: 204 });
      expect(overwriteOf(general, h.demo.roles.verified)).toBeDefined();
    });

    it('roles: no permission the actor lacks, nothing at or above their highest role', async () => {
      expect(await call('staff', 'PATCH', `/roles/${h.demo.roles.newcomer}`, { permissions: String(P.BanMembers) })).toMatchObject({ status: 403, code: 'MissingPermissions', missing: ['Ban Members'] });
      expect(await call('staff', 'PATCH', `/roles/${h.demo.roles.moderator}`, { name: 'mine' })).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await call('staff', 'DELETE', `/roles/${h.personaRoles.staff}`)).toMatchObject({ status: 403, code: 'HierarchyViolation' });
      expect(await call('staff', 'POST', '/roles', { name: 'mods2', permissions: String(P.Administrator) })).toMatchObject({ status: 403, code: 'MissingPermissions' });
      const bulk = await h.request(`/api/guilds/${h.demo.guildId}/roles/${h.demo.roles.events}/members`, {
        method: 'POST',
        headers: h.headers('staff'),
        body: JSON.stringify({ action: 'add', userIds: [owner(), moderator(), h.demo.memberIds[18]] }),
      });
      expect(((await bulk.json()) as { results: unknown[] }).results).toEqual([
        { userId: owner(), ok: false, error: 'HierarchyViolation' },
        { userId: moderator(), ok: false, error: 'HierarchyViolation' },
        { userId: h.demo.memberIds[18], ok: true },
      ]);
    });
  });

  describe('what the dashboard may offer', () => {
    it('capabilities: the acting user\'s and the bot\'s permissions and highest role', async () => {
      const res = await h.request(`/api/guilds/${h.demo.guildId}/capabilities`, { headers: h.headers('staff') });
      expect(res.status, await res.clone().text()).toBe(200);
      const caps = (await res.json()) as { ownerId: string; actor: { permissions: string; topPosition: number }; bot: { userId: string; permissions: string; topPosition: number } };
      const g = sim();
      expect(caps.ownerId).toBe(h.users.owner);
      expect(caps.actor.topPosition).toBe(g.roles[h.personaRoles.staff]!.position);
      expect(BigInt(caps.actor.permissions) & P.KickMembers).toBe(P.KickMembers);
      expect(BigInt(caps.actor.permissions) & P.BanMembers).toBe(0n);
      expect(h.sim.services.state.users.get(caps.bot.userId).bot).toBe(true);
      expect(g.members[caps.bot.userId]!.roles).toContain(h.demo.roles.bot);
      expect(caps.bot.topPosition).toBe(g.roles[h.demo.roles.bot!]!.position);
      const owner = (await (await h.request(`/api/guilds/${h.demo.guildId}/capabilities`, { headers: h.headers('owner') })).json()) as { actor: { topPosition: number | null } };
      expect(owner.actor.topPosition).toBeNull();
    });

    it('a channel the bot cannot see answers Missing Access (50001), explained as such', async () => {
      const state = h.sim.services.state;
      const hidden = state.channels.create(h.demo.guildId, { name: 'hidden', type: 0, permission_overwrites: [{ id: h.demo.guildId, type: 0, allow: '0', deny: String(P.ViewChannel) }] } as never).id;
      const res = await h.request(`/api/guilds/${h.demo.guildId}/channels/${hidden}`, { method: 'PATCH', headers: h.headers('owner'), body: JSON.stringify({ topic: 'x' }) });
      const body = (await res.json()) as { code: string; message: string; details: { discordCode: number } };
      expect(res.status).toBe(403);
      expect(body).toMatchObject({ code: 'DiscordForbidden', details: { discordCode: 50001 } });
      expect(body.message).toMatch(/Missing Access/);
    });
  });
});
