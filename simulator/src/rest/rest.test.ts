import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST, RateLimitError } from '@discordjs/rest';
import { ChannelType, GatewayDispatchEvents, PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator, type SimDispatch } from '../index.js';

let sim: Simulator;
let rest: REST;
const events: SimDispatch[] = [];

/** Asserts a body validates against a discord-api-spec zod schema, with readable issues. */
type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } };
function valid(schema: Schema | undefined, data: unknown): void {
  if (!schema) throw new Error('schema missing from discord-api-spec');
  const r = schema.safeParse(data);
  expect(r.success ? [] : r.error!.issues).toEqual([]);
}
const anyChannel = (d: unknown) => {
  const ok = [spec.GuildChannelResponseSchema, spec.ThreadResponseSchema, spec.PrivateChannelResponseSchema].some((s) => s!.safeParse(d).success);
  if (!ok) valid(spec.GuildChannelResponseSchema, d);
};
const apiError = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DiscordAPIError);
  return e as DiscordAPIError;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 20, seed: 3 });
  rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.application.botToken);
  sim.state.on('dispatch', (e) => events.push(e));
});
afterAll(async () => {
  await sim?.stop();
});

const ch = (name: string) => {
  const c = Object.values(sim.state.data.channels).find((x) => 'name' in x && x.name === name && 'guild_id' in x && x.guild_id === sim.guildId);
  return c!.id;
};
const members = () => Object.keys(sim.state.guild(sim.guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId);

describe('REST v10 through @discordjs/rest, validated against discord-api-spec', () => {
  it('serves users, guilds, gateway', async () => {
    valid(spec.UserPIIResponseSchema, await rest.get(Routes.user('@me')));
    const guilds = (await rest.get(Routes.userGuilds())) as unknown[];
    expect(guilds).toHaveLength(1);
    guilds.forEach((g) => valid(spec.MyGuildResponseSchema, g));
    valid(spec.UserResponseSchema, await rest.get(Routes.user(sim.owner.id)));
    const g = await rest.get(Routes.guild(sim.guildId), { query: new URLSearchParams({ with_counts: 'true' }) });
    valid(spec.GuildWithCountsResponseSchema, g);
    expect(g).toMatchObject({ name: 'Demo Guild', approximate_member_count: 22 });
    const bot = (await rest.get(Routes.gatewayBot())) as { url: string };
    valid(spec.GatewayBotResponseSchema, bot);
    expect(bot.url).toBe(sim.gatewayUrl);
    valid(spec.GatewayResponseSchema, await rest.get(Routes.gateway(), { auth: false }));
    expect(((await rest.get(Routes.guild('1'.repeat(18))).catch((e) => e)) as DiscordAPIError).code).toBe(10004);
  });

  it('lists, creates (clones), edits and deletes channels and overwrites', async () => {
    const list = (await rest.get(Routes.guildChannels(sim.guildId))) as { id: string; name: string }[];
    list.forEach(anyChannel);
    const general = (await rest.get(Routes.channel(ch('general')))) as Record<string, unknown>;
    anyChannel(general);
    const { id: _id, guild_id: _g, last_message_id: _l, ...settings } = general;
    const clone = (await rest.post(Routes.guildChannels(sim.guildId), { body: { ...settings, name: 'general-clone' }, reason: 'clone it' })) as Record<string, unknown>;
    anyChannel(clone);
    expect(clone).toMatchObject({ name: 'general-clone', topic: general.topic, parent_id: general.parent_id, type: ChannelType.GuildText });
    expect(events.some((e) => e.t === GatewayDispatchEvents.ChannelCreate)).toBe(true);
    anyChannel(await rest.patch(Routes.channel(clone.id as string), { body: { topic: 'changed', rate_limit_per_user: 3 } }));
    await rest.put(Routes.channelPermission(clone.id as string, sim.guildId), { body: { type: 0, deny: String(P.SendMessages) } });
    expect((sim.state.channels.get(clone.id as string) as { permission_overwrites: unknown[] }).permission_overwrites).toHaveLength(1);
    await rest.delete(Routes.channelPermission(clone.id as string, sim.guildId));
    anyChannel(await rest.delete(Routes.channel(clone.id as string)));
    const bad = await apiError(rest.post(Routes.guildChannels(sim.guildId), { body: { type: 0 } }));
    expect(bad.code).toBe(50035);
  });

  it('lists, searches, edits, times out and kicks members; adds and removes roles', async () => {
    const list = (await rest.get(Routes.guildMembers(sim.guildId), { query: new URLSearchParams({ limit: '1000' }) })) as { user: { id: string; username: string } }[];
    expect(list).toHaveLength(22);
    list.forEach((m) => valid(spec.GuildMemberResponseSchema, m));
    const target = list.find((m) => members().includes(m.user.id) && sim.state.guild(sim.guildId).members[m.user.id]!.roles.every((r) => r !== sim.state.roles.list(sim.guildId).find((x) => x.name === 'Moderator')!.id))!;
    const found = (await rest.get(Routes.guildMembersSearch(sim.guildId), { query: new URLSearchParams({ query: target.user.username.slice(0, 4), limit: '10' }) })) as unknown[];
    expect(found.length).toBeGreaterThan(0);
    valid(spec.GuildMemberResponseSchema, await rest.get(Routes.guildMember(sim.guildId, target.user.id)));
    const until = new Date(Date.now() + 600_000).toISOString();
    const patched = await rest.patch(Routes.guildMember(sim.guildId, target.user.id), { body: { nick: 'Renamed', communication_disabled_until: until }, reason: 'spam' });
    valid(spec.GuildMemberResponseSchema, patched);
    expect(patched).toMatchObject({ nick: 'Renamed' });
    const events = sim.state.roles.list(sim.guildId).find((r) => r.name === 'Events')!;
    await rest.put(Routes.guildMemberRole(sim.guildId, target.user.id, events.id));
    expect(sim.state.member(sim.guildId, target.user.id).roles).toContain(events.id);
    await rest.delete(Routes.guildMemberRole(sim.guildId, target.user.id, events.id));
    await rest.delete(Routes.guildMember(sim.guildId, target.user.id), { reason: 'bye' });
    expect(sim.state.guild(sim.guildId).members[target.user.id]).toBeUndefined();
    const audit = (await rest.get(Routes.guildAuditLog(sim.guildId))) as { audit_log_entries: { action_type: number; reason?: string }[] };
    valid(spec.GuildAuditLogResponseSchema, audit);
    expect(audit.audit_log_entries[0]).toMatchObject({ action_type: 20, reason: 'bye' });
  });

  it('bans with message deletion, lists and lifts bans', async () => {
    const userId = members()[5]!;
    sim.state.messages.create(ch('general'), { authorId: userId, content: 'spam spam' });
    await rest.put(Routes.guildBan(sim.guildId, userId), { body: { delete_message_seconds: 3600 }, reason: 'spam' });
    expect(sim.state.data.messages[ch('general')]!.some((m) => m.author.id === userId)).toBe(false);
    valid(spec.GuildBanResponseSchema, await rest.get(Routes.guildBan(sim.guildId, userId)));
    ((await rest.get(Routes.guildBans(sim.guildId))) as unknown[]).forEach((b) => valid(spec.GuildBanResponseSchema, b));
    expect(events.some((e) => e.t === GatewayDispatchEvents.GuildBanAdd)).toBe(true);
    await rest.delete(Routes.guildBan(sim.guildId, userId));
    expect((await apiError(rest.get(Routes.guildBan(sim.guildId, userId)))).code).toBe(10026);
  });

  it('creates, edits, moves and deletes roles', async () => {
    ((await rest.get(Routes.guildRoles(sim.guildId))) as unknown[]).forEach((r) => valid(spec.GuildRoleResponseSchema, r));
    const role = (await rest.post(Routes.guildRoles(sim.guildId), { body: { name: 'Helpers', color: 0x00ff00, permissions: String(P.ManageMessages) } })) as { id: string };
    valid(spec.GuildRoleResponseSchema, role);
    valid(spec.GuildRoleResponseSchema, await rest.patch(Routes.guildRole(sim.guildId, role.id), { body: { name: 'Helpers+' } }));
    const moved = (await rest.patch(Routes.guildRoles(sim.guildId), { body: [{ id: role.id, position: 2 }] })) as { id: string; position: number }[];
    expect(moved.find((r) => r.id === role.id)!.position).toBe(2);
    await rest.delete(Routes.guildRole(sim.guildId, role.id));
    expect(events.some((e) => e.t === GatewayDispatchEvents.GuildRoleDelete)).toBe(true);
  });

  it('sends, edits, reacts, deletes and bulk-deletes messages; DMs', async () => {
    const c = ch('general');
    const before = events.length;
    const m = (await rest.post(Routes.channelMessages(c), { body: { content: 'hello from the bot', embeds: [{ title: 'x' }] } })) as { id: string };
    valid(spec.MessageResponseSchema, m);
    expect(events.slice(before).find((e) => e.t === GatewayDispatchEvents.MessageCreate)?.d).toMatchObject({ id: m.id, guild_id: sim.guildId });
    valid(spec.MessageResponseSchema, await rest.patch(Routes.channelMessage(c, m.id), { body: { content: 'edited' } }));
    await rest.put(Routes.channelMessageOwnReaction(c, m.id, encodeURIComponent('👍')));
    const got = (await rest.get(Routes.channelMessage(c, m.id))) as { reactions: { me: boolean; count: number }[] };
    valid(spec.MessageResponseSchema, got);
    expect(got.reactions[0]).toMatchObject({ me: true, count: 1 });
    ((await rest.get(Routes.channelMessageReaction(c, m.id, encodeURIComponent('👍')))) as unknown[]).forEach((u) => valid(spec.UserResponseSchema, u));
    await rest.delete(Routes.channelMessageOwnReaction(c, m.id, encodeURIComponent('👍')));
    const list = (await rest.get(Routes.channelMessages(c), { query: new URLSearchParams({ limit: '10' }) })) as { id: string }[];
    list.forEach((x) => valid(spec.MessageResponseSchema, x));
    await rest.delete(Routes.channelMessage(c, m.id));
    const a = (await rest.post(Routes.channelMessages(c), { body: { content: 'a' } })) as { id: string };
    const b = (await rest.post(Routes.channelMessages(c), { body: { content: 'b' } })) as { id: string };
    await rest.post(Routes.channelBulkDelete(c), { body: { messages: [a.id, b.id] } });
    expect(events.some((e) => e.t === GatewayDispatchEvents.MessageDeleteBulk)).toBe(true);
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: sim.owner.id } })) as { id: string };
    valid(spec.PrivateChannelResponseSchema, dm);
    valid(spec.MessageResponseSchema, await rest.post(Routes.channelMessages(dm.id), { body: { content: 'psst' } }));
    expect((await apiError(rest.post(Routes.channelMessages(c), { body: {} }))).code).toBe(50006);
  });

  it('enforce_nonce: a second send with the same nonce returns the first message and posts nothing', async () => {
    const c = ch('general');
    const body = { content: 'once', nonce: 'sb-nonce-1', enforce_nonce: true };
    const first = (await rest.post(Routes.channelMessages(c), { body })) as { id: string };
    const count = (sim.state.data.messages[c] ?? []).length;
    const again = (await rest.post(Routes.channelMessages(c), { body })) as { id: string };
    valid(spec.MessageResponseSchema, again);
    expect(again.id).toBe(first.id);
    expect((sim.state.data.messages[c] ?? []).length).toBe(count);
    const unenforced = (await rest.post(Routes.channelMessages(c), { body: { ...body, enforce_nonce: false } })) as { id: string };
    expect(unenforced.id).not.toBe(first.id);
  });

  it('bulk-overwrites application commands, global and guild', async () => {
    const body = [{ name: 'ping', description: 'Ping', options: [{ type: 3, name: 'text', description: 'x' }] }];
    const global = (await rest.put(Routes.applicationCommands(sim.application.id), { body })) as unknown[];
    global.forEach((x) => valid(spec.ApplicationCommandResponseSchema, x));
    const guild = (await rest.put(Routes.applicationGuildCommands(sim.application.id, sim.guildId), { body })) as unknown[];
    guild.forEach((x) => valid(spec.ApplicationCommandResponseSchema, x));
    expect(await rest.get(Routes.applicationGuildCommands(sim.application.id, sim.guildId))).toEqual(guild);
  });

  it('answers 401 without a valid token', async () => {
    const anon = new REST({ api: sim.api, retries: 0 }).setToken('nope');
    const e = await apiError(anon.get(Routes.user('@me')));
    expect(e.status).toBe(401);
    expect(e.rawError).toEqual({ message: '401: Unauthorized', code: 0 });
  });

  it('refuses with 403 / 50013 when the bot lacks a permission or is below the target', async () => {
    const g = sim.state.guild(sim.guildId);
    const admin = g.roles[Object.values(g.roles).find((r) => r.name === 'Admin')!.id]!;
    const adminMember = members().find((id) => g.members[id]!.roles.includes(admin.id)) ?? members()[0]!;
    sim.state.members.update(sim.guildId, adminMember, { roles: [admin.id] });
    const hierarchy = await apiError(rest.put(Routes.guildBan(sim.guildId, adminMember), { body: {} }));
    expect([hierarchy.status, hierarchy.code]).toEqual([403, 50013]);
    const botRole = Object.values(g.roles).find((r) => r.tags?.bot_id === sim.application.botUserId)!;
    sim.state.roles.update(sim.guildId, botRole.id, { permissions: String(BigInt(botRole.permissions) & ~P.BanMembers) });
    const noBan = await apiError(rest.put(Routes.guildBan(sim.guildId, members()[1]!), { body: {} }));
    expect(noBan.rawError).toEqual({ message: 'Missing Permissions', code: 50013 });
  });

  it('sets X-RateLimit headers and serves forced 429s that @discordjs/rest retries or reports', async () => {
    const res = await fetch(`${sim.api}/v10/users/@me`, { headers: { authorization: `Bot ${sim.application.botToken}` } });
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) expect(res.headers.get(h)).toBeTruthy();
    sim.rateLimit.force('GET', '/guilds/:id/roles', { retryAfter: 0.3 });
    const started = Date.now();
    const retried = new REST({ api: sim.api }).setToken(sim.application.botToken);
    await retried.get(Routes.guildRoles(sim.guildId));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(sim.rateLimit.sent.at(-1)).toMatchObject({ method: 'GET', retryAfter: 0.3 });
    sim.rateLimit.force('GET', '/guilds/:id/roles', { retryAfter: 5 });
    const strict = new REST({ api: sim.api, rejectOnRateLimit: () => true }).setToken(sim.application.botToken);
    const e = await strict.get(Routes.guildRoles(sim.guildId)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfter).toBeGreaterThanOrEqual(4_000);
  });

  it('overwrites follow Discord: ids of this guild only, and only permissions the bot holds in the channel', async () => {
    const general = ch('general');
    const role = Object.values(sim.state.guild(sim.guildId).roles).find((r) => r.name === 'Verified')!.id;
    const put = (id: string, type: 0 | 1, allow: bigint) => rest.put(Routes.channelPermission(general, id), { body: { type, allow: String(allow), deny: '0' } });
    expect((await apiError(put(role, 0, P.Administrator))).code).toBe(50013);
    expect((await apiError(put('999999999999999999', 0, P.SendMessages))).code).toBe(10011);
    expect((await apiError(put('999999999999999999', 1, P.SendMessages))).code).toBe(10007);
    await put(role, 0, P.SendMessages);
    expect((sim.state.data.channels[general] as { permission_overwrites: { id: string; allow: string }[] }).permission_overwrites.find((o) => o.id === role)?.allow).toBe(String(P.SendMessages));
  });

  it('records requests without the DiscordBot User-Agent Discord requires', async () => {
    const before = sim.userAgentViolations.length;
    await rest.get(Routes.user('@me'));
    expect(sim.userAgentViolations).toHaveLength(before);
    await fetch(`${sim.api}/v10/users/@me`, { headers: { authorization: `Bot ${sim.application.botToken}` } });
    expect(sim.userAgentViolations.slice(before)).toEqual([expect.objectContaining({ method: 'GET', path: '/users/@me' })]);
  });
});
