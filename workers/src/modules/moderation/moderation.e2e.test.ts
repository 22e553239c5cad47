/**
 * Moderation end to end: the real Worker in workerd over the local stack (Postgres, Redis,
 * QStash), the Discord simulator playing Discord and sending the interactions. Slash commands
 * and the dashboard API run the same action functions: happy paths, the refusals (missing
 * permission, hierarchy, the owner, the bot, yourself) and a temporary ban lifted by its job
 * with the Worker restarted in between.
 */
import { REST } from '@discordjs/rest';
import { Redis } from '@upstash/redis';
import { ChannelType, OverwriteType, PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import type { Browser } from 'playwright-core';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, startTestWorker, type FullSystem, type TestWorker } from '@edge/dev/testing';
import type { InteractionResult } from '@edge/simulator';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import type { ModCase } from './data/cases';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let modLog: string;
let botId: string;
let moderatorRole: string;
/** Members with the Moderator role (one per scenario: commands are rate limited per member). */
let mods: string[];
/** Plain members (Verified or Newcomer), below the Moderator role. */
let plain: string[];
let redis: Redis;
let browser: Browser | undefined;
/** The Worker started after the restart (the system's own stop only knows the first). */
let restarted: TestWorker | undefined;

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });

beforeAll(async () => {
  sys = await startFullSystem({ stack: { qstashRetryBaseMs: 200 } });
  const { sim } = sys;
  guildId = sim.guildId;
  botId = sim.application.botUserId;
  const channels = Object.values(sim.state.data.channels).filter((c) => 'guild_id' in c && c.guild_id === guildId);
  general = channels.find((c) => c.name === 'general')!.id;
  modLog = channels.find((c) => c.name === 'mod-log')!.id;
  const guild = sim.state.guild(guildId);
  moderatorRole = Object.values(guild.roles).find((r) => r.name === 'Moderator')!.id;
  const humans = Object.keys(guild.members).filter((id) => id !== sim.owner.id && id !== botId && !sim.state.users.get(id).bot);
  mods = humans.filter((id) => guild.members[id]!.roles.includes(moderatorRole));
  plain = humans.filter((id) => !guild.members[id]!.roles.includes(moderatorRole));
  // More moderators: each scenario uses its own (5 commands / 10 s per member).
  for (const id of plain.splice(0, 8)) sim.state.members.update(guildId, id, { roles: [moderatorRole] });
  mods = Object.keys(guild.members).filter((id) => guild.members[id]!.roles.includes(moderatorRole));
  // The admin lets the bot into the staff-only mod-log channel (else its posts are refused).
  sim.state.channels.setOverwrite(modLog, { id: botId, type: OverwriteType.Member, allow: String(P.ViewChannel | P.SendMessages | P.EmbedLinks), deny: '0' });
  redis = new Redis({ url: sys.stack.redisRestUrl, token: sys.stack.redisRestToken });
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  const on = await dash.api('POST', `/guilds/${guildId}/modules/moderation/enable`, { config: { modLogChannelId: modLog, dm: { enabled: true, appeal: 'Appeal: https://appeal.example' } } });
  expect(on.status, on.text).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await restarted?.stop();
  await sys?.stop();
});

/** Discord reads the Worker cached (30 s) are dropped after the test changes the simulator behind its back. */
const forgetDiscordCache = () => redis.del(`dc:${guildId}:roles`, `dc:${guildId}:guild`);

const command = (userId: string, name: string, options: Record<string, string | number | boolean>, channelId = general) =>
  sys.sim.interactions.send({ type: 'command', name, userId, channelId, options });

/** The text of the (deferred, ephemeral) reply once it is final. */
async function replyOf(r: InteractionResult): Promise<string> {
  expect(r, `${r.reason}: ${r.detail}`).toMatchObject({ failed: false });
  const find = () => r.record.ephemeral.find((m) => m.id === r.record.originalMessageId) as APIMessage | undefined;
  for (let i = 0; i < 200; i++) {
    const m = find();
    if (m && (m.content || m.embeds.length)) return [m.content, ...m.embeds.map((e) => JSON.stringify(e))].join('\n');
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no final reply: ${JSON.stringify(find())}`);
}

const casesOf = async (query = '') => (await dash.api<{ cases: ModCase[] }>('GET', `/guilds/${guildId}/modules/moderation/cases${query}`)).body.cases;
const dmTo = (userId: string) => {
  const dm = Object.values(sys.sim.state.data.channels).find((c) => c.type === ChannelType.DM && c.recipients?.some((u) => u.id === userId));
  return dm ? (sys.sim.state.data.messages[dm.id] ?? []) : [];
};
const modLogPosts = () => sys.sim.state.data.messages[modLog] ?? [];

describe.sequential('moderation through slash commands', () => {
  it('/warn records case #1, tells the member by DM with the appeal line, posts to the mod-log', async () => {
    const [mod, target] = [mods[0]!, plain[0]!];
    const text = await replyOf(await command(mod, 'warn', { member: target, reason: 'spamming links' }));
    expect(text).toContain(`Case #1: Warned <@${target}> — spamming links`);
    expect(text).toContain('They were told by DM.');
    const dm = dmTo(target).at(-1)!;
    expect(dm.content).toContain('You were warned in **Demo Guild**');
    expect(dm.content).toContain('Reason: spamming links');
    expect(dm.content).toContain('Appeal: https://appeal.example');
    const [c] = await casesOf(`?targetId=${target}`);
    expect(c).toMatchObject({ number: 1, type: 'warn', actorId: mod, targetId: target, reason: 'spamming links', source: 'command', active: false });
    expect(c!.messageIds).toHaveLength(1);
    const post = modLogPosts().find((m) => m.id === c!.messageIds[0])!;
    expect(post.embeds[0]!.title).toBe('Case #1 · Warning');
  });

  it('/timeout sets Discord’s timeout for the given duration; /case shows it; /case with a reason edits it and its mod-log post', async () => {
    const [mod, target] = [mods[1]!, plain[1]!];
    const before = Date.now();
    const text = await replyOf(await command(mod, 'timeout', { member: target, duration: '2h', reason: 'heated' }));
    expect(text).toMatch(/Case #2: Timed out <@\d+> for 2 hours — heated/);
    const until = Date.parse(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until!);
    expect(until - before).toBeGreaterThanOrEqual(7_200_000 - 1000);
    expect(until - before).toBeLessThan(7_200_000 + 60_000);
    expect(await replyOf(await command(mod, 'case', { number: 2 }))).toContain('Case #2 · Timeout');
    expect(await replyOf(await command(mod, 'case', { number: 2, reason: 'insults in #general' }))).toContain('Reason of case #2 updated');
    const [c] = await casesOf('?type=timeout');
    expect(c).toMatchObject({ number: 2, reason: 'insults in #general', active: true, durationSeconds: 7200 });
    await poll(() => JSON.stringify(modLogPosts().find((m) => m.id === c!.messageIds[0])?.embeds)).toContain('insults in #general');
    expect(await replyOf(await command(mod, 'timeout', { member: target, duration: 'soon' }))).toContain('“soon” is not a duration');
  });

  it('refuses: no permission, a member at or above you, the owner, yourself', async () => {
    const nobody = plain[2]!;
    expect(await replyOf(await command(nobody, 'kick', { member: plain[3]! }))).toContain('You need Kick Members on this server');
    const mod = mods[2]!;
    expect(await replyOf(await command(mod, 'ban', { user: mods[3]! }))).toContain('highest role is at or above yours');
    expect(await replyOf(await command(mod, 'kick', { member: sys.sim.owner.id }))).toContain('The server owner cannot be a target');
    expect(await replyOf(await command(mod, 'warn', { member: mod }))).toContain('You cannot do this to yourself');
    expect(Object.keys(sys.sim.state.guild(guildId).members)).toContain(mods[3]);
    expect((await casesOf()).map((c) => c.number)).toEqual([2, 1]);
  });

  it('refuses what the bot cannot do: a member above the bot, a permission the bot lacks, the bot itself', async () => {
    const owner = sys.sim.owner.id;
    const admin = Object.values(sys.sim.state.guild(guildId).roles).find((r) => r.name === 'Admin')!.id;
    const target = plain[4]!;
    sys.sim.state.members.update(guildId, target, { roles: [admin] });
    expect(await replyOf(await command(owner, 'kick', { member: target }))).toContain('at or above the bot’s');
    expect(await replyOf(await command(owner, 'kick', { member: botId }))).toContain('The bot cannot moderate itself');
    const botRole = Object.values(sys.sim.state.guild(guildId).roles).find((r) => r.tags?.bot_id === botId)!;
    const perms = BigInt(botRole.permissions);
    sys.sim.state.roles.update(guildId, botRole.id, { permissions: perms & ~P.BanMembers });
    await forgetDiscordCache();
    expect(await replyOf(await command(owner, 'ban', { user: plain[5]! }))).toContain('The bot needs Ban Members');
    sys.sim.state.roles.update(guildId, botRole.id, { permissions: perms });
    await forgetDiscordCache();
    expect(sys.sim.state.bans.list(guildId).map((b) => b.user.id)).not.toContain(plain[5]!);
    expect(Object.keys(sys.sim.state.guild(guildId).members)).toContain(target);
  });

  it('the member menu’s Timeout asks the reason and duration in a modal, then runs the same action; a member without the permission is refused', async () => {
    const [mod, target] = [mods[4]!, plain[9]!];
    const menu = await sys.sim.interactions.send({ type: 'user-command', name: 'Timeout', targetId: target, userId: mod, channelId: general });
    expect(menu.modal?.title).toBe('Timeout this member');
    const submit = (userId: string, customId: string, fields: Record<string, string>) => sys.sim.interactions.send({ type: 'modal', customId, fields, userId, channelId: general });
    const text = await replyOf(await submit(mod, menu.modal!.custom_id, { reason: 'flooding', duration: '30m' }));
    expect(text).toMatch(/Case #\d+: Timed out <@\d+> for 30 minutes — flooding/);
    expect(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until).not.toBeNull();
    const nobody = plain[2]!;
    const ban = await sys.sim.interactions.send({ type: 'user-command', name: 'Ban', targetId: plain[3]!, userId: nobody, channelId: general });
    expect(await replyOf(await submit(nobody, ban.modal!.custom_id, { reason: 'x', duration: '' }))).toContain('You need Ban Members');
    expect(sys.sim.state.bans.list(guildId).map((b) => b.user.id)).not.toContain(plain[3]!);
  });

  it('/note and /cases show a member’s history to moderators', async () => {
    const [mod, target] = [mods[3]!, plain[0]!];
    expect(await replyOf(await command(mod, 'note', { member: target, text: 'talked in DMs, was fine' }))).toContain('Note added');
    const text = await replyOf(await command(mod, 'cases', { member: target }));
    expect(text).toContain('**#1** warn');
    expect(text).toContain('talked in DMs, was fine');
  });
});

describe.sequential('moderation from the dashboard: the same actions and checks', () => {
  const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/moderation${path}`, body);

  it('kicks a member and records the case; refuses the owner and the bot', async () => {
    const target = plain[6]!;
    const kicked = await api<{ case: ModCase; dmSent: boolean }>('POST', '/actions', { action: 'kick', userId: target, reason: 'raid account' });
    expect(kicked.status, kicked.text).toBe(200);
    expect(kicked.body.case).toMatchObject({ type: 'kick', actorId: sys.sim.owner.id, targetId: target, source: 'dashboard' });
    expect(kicked.body.dmSent).toBe(true);
    expect(Object.keys(sys.sim.state.guild(guildId).members)).not.toContain(target);
    const owner = await api<{ code: string; message: string }>('POST', '/actions', { action: 'ban', userId: sys.sim.owner.id });
    expect([owner.status, owner.body.code, owner.body.message]).toEqual([403, 'HierarchyViolation', 'The server owner cannot be a target']);
    const bot = await api<{ code: string }>('POST', '/actions', { action: 'timeout', userId: botId });
    expect([bot.status, bot.body.code]).toEqual([403, 'HierarchyViolation']);
    const bad = await api<{ code: string }>('POST', '/actions', { action: 'timeout', userId: target, durationSeconds: 5 });
    expect([bad.status, bad.body.code]).toEqual([400, 'ValidationError']);
  });

  it('undoes a timeout in force, edits a reason, adds a note, lists with filters', async () => {
    const target = plain[7]!;
    const t = await api<{ case: ModCase }>('POST', '/actions', { action: 'timeout', userId: target, durationSeconds: 600 });
    expect(t.status, t.text).toBe(200);
    expect(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until).not.toBeNull();
    const undo = await api<{ case: ModCase }>('POST', `/cases/${t.body.case.number}/undo`, {});
    expect(undo.status, undo.text).toBe(200);
    expect(undo.body.case.type).toBe('untimeout');
    expect(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until).toBeNull();
    expect((await api<ModCase>('GET', `/cases/${t.body.case.number}`)).body).toMatchObject({ active: false, liftedBy: sys.sim.owner.id });
    const again = await api<{ code: string }>('POST', `/cases/${t.body.case.number}/undo`, {});
    expect([again.status, again.body.code]).toEqual([409, 'CaseNotUndoable']);
    expect((await api<ModCase>('PATCH', `/cases/${t.body.case.number}`, { reason: 'cool-off' })).body.reason).toBe('cool-off');
    expect((await api('POST', `/members/${target}/notes`, { body: 'asked to calm down' })).status).toBe(200);
    const history = (await api<{ cases: ModCase[]; notes: { body: string }[]; historyDays: number }>('GET', `/members/${target}`)).body;
    expect(history.cases.map((c) => c.type)).toEqual(['untimeout', 'timeout']);
    expect(history.notes.map((n) => n.body)).toEqual(['asked to calm down']);
    expect(history.historyDays).toBe(30);
    expect((await casesOf(`?actorId=${mods[0]}`)).map((c) => c.number)).toEqual([1]);
    expect((await api('GET', '/cases/9999')).status).toBe(404);
    expect((await api('GET', '/cases?type=nonsense')).status).toBe(400);
  });
});

describe.sequential('the Members page’s kick, ban and timeout (core routes) while Moderation is on', () => {
  const member = <T = { code: string; message: string }>(userId: string, what: string, body?: unknown) => dash.api<T>('POST', `/guilds/${guildId}/members/${userId}/${what}`, body);
  /** What a case says, whoever took the action and from where. */
  const shape = (c: ModCase) => ({
    type: c.type, reason: c.reason, durationSeconds: c.durationSeconds, active: c.active, posts: c.messageIds.length,
    lasts: c.expiresAt ? Math.round((Date.parse(c.expiresAt) - Date.parse(c.createdAt)) / 1000) : null,
  });

  it('a timeout from the Members page records the case /timeout records, DMs the member and posts to the mod-log', async () => {
    const [viaSlash, viaDash] = [plain[19]!, plain[20]!];
    expect(await replyOf(await command(mods[9]!, 'timeout', { member: viaSlash, duration: '10m', reason: 'flood' }))).toMatch(/Case #\d+: Timed out/);
    const t = await member<{ timeoutUntil: string | null }>(viaDash, 'timeout', { duration: 600, reason: 'flood' });
    expect(t.status, t.text).toBe(200);
    expect(t.body.timeoutUntil).not.toBeNull();
    const [slashCase] = await casesOf(`?targetId=${viaSlash}`);
    const [dashCase] = await casesOf(`?targetId=${viaDash}`);
    expect(shape(dashCase!)).toEqual(shape(slashCase!));
    expect(shape(dashCase!)).toMatchObject({ type: 'timeout', durationSeconds: 600, active: true, posts: 1, lasts: 600 });
    expect(dashCase).toMatchObject({ source: 'dashboard', actorId: sys.sim.owner.id, targetId: viaDash });
    expect(dmTo(viaDash).at(-1)!.content).toContain('You were timed out in **Demo Guild** for 10 minutes');
    expect(modLogPosts().some((m) => m.id === dashCase!.messageIds[0])).toBe(true);
    // Lifting it from the Members page ends the case, as /case undo would.
    expect((await member(viaDash, 'timeout', { duration: null })).status).toBe(200);
    expect((await casesOf(`?targetId=${viaDash}`)).map((c) => [c.type, c.active])).toEqual([['untimeout', false], ['timeout', false]]);
  });

  it('kick and ban from the Members page record their cases with the DM; the ban deletes the chosen span of messages', async () => {
    const [kicked, banned] = [plain[21]!, plain[22]!];
    expect((await member(kicked, 'kick', { reason: 'raid' })).status).toBe(204);
    expect(Object.keys(sys.sim.state.guild(guildId).members)).not.toContain(kicked);
    expect((await casesOf(`?targetId=${kicked}`))[0]).toMatchObject({ type: 'kick', reason: 'raid', source: 'dashboard', actorId: sys.sim.owner.id, messageIds: [expect.any(String)] });
    expect(dmTo(kicked).at(-1)!.content).toContain('You were kicked from **Demo Guild**');
    expect((await member(banned, 'ban', { reason: 'spam', deleteMessageSeconds: 3600 })).status).toBe(204);
    expect(sys.sim.state.bans.list(guildId).map((b) => b.user.id)).toContain(banned);
    expect((await casesOf(`?targetId=${banned}`))[0]).toMatchObject({ type: 'ban', reason: 'spam', source: 'dashboard', active: false, expiresAt: null });
  });

  it('refuses exactly as the slash commands do: the owner, the bot, a member above the bot, a permission the bot lacks', async () => {
    const before = (await casesOf()).length;
    const owner = await member(sys.sim.owner.id, 'kick');
    expect([owner.status, owner.body.code, owner.body.message]).toEqual([403, 'HierarchyViolation', 'The server owner cannot be a target']);
    const bot = await member(botId, 'timeout', { duration: 60 });
    expect([bot.status, bot.body.code, bot.body.message]).toEqual([403, 'HierarchyViolation', 'The bot cannot moderate itself']);
    const admin = Object.values(sys.sim.state.guild(guildId).roles).find((r) => r.name === 'Admin')!.id;
    const above = plain[23]!;
    sys.sim.state.members.update(guildId, above, { roles: [admin] });
    const high = await member(above, 'kick');
    expect([high.status, high.body.code]).toEqual([403, 'HierarchyViolation']);
    expect(high.body.message).toContain('at or above the bot’s');
    const botRole = Object.values(sys.sim.state.guild(guildId).roles).find((r) => r.tags?.bot_id === botId)!;
    const perms = BigInt(botRole.permissions);
    sys.sim.state.roles.update(guildId, botRole.id, { permissions: perms & ~P.BanMembers });
    await forgetDiscordCache();
    const noBan = await member(plain[24]!, 'ban');
    sys.sim.state.roles.update(guildId, botRole.id, { permissions: perms });
    await forgetDiscordCache();
    expect([noBan.status, noBan.body.code, noBan.body.message]).toEqual([403, 'MissingPermissions', 'The bot needs Ban Members on this server for this']);
    expect(Object.keys(sys.sim.state.guild(guildId).members)).toEqual(expect.arrayContaining([above, plain[24]!]));
    expect((await casesOf()).length).toBe(before);
  });
});

describe.sequential('softban and escalation', () => {
  it('/softban removes the member and their recent messages, and leaves no ban', async () => {
    const target = plain[12]!;
    sys.sim.state.messages.create(general, { authorId: target, content: 'buy followers at …' });
    const text = await replyOf(await command(mods[5]!, 'softban', { member: target, reason: 'spam bot' }));
    expect(text).toMatch(/Case #\d+: Softbanned <@\d+> — spam bot/);
    expect(Object.keys(sys.sim.state.guild(guildId).members)).not.toContain(target);
    expect(sys.sim.state.bans.list(guildId).map((b) => b.user.id)).not.toContain(target);
    expect((sys.sim.state.data.messages[general] ?? []).filter((m) => m.author.id === target)).toEqual([]);
  });

  it('the second warning within a day times the member out, by the bot, as its own case', async () => {
    const rule = { warnings: 2, periodDays: 1, action: 'timeout', durationSeconds: 600 };
    const saved = await dash.api('PUT', `/guilds/${guildId}/modules/moderation/config`, { config: { modLogChannelId: modLog, escalation: [rule] } });
    expect(saved.status, saved.text).toBe(200);
    const target = plain[13]!;
    expect(await replyOf(await command(mods[6]!, 'warn', { member: target, reason: 'one' }))).not.toContain('Escalation');
    expect(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until).toBeNull();
    const text = await replyOf(await command(mods[7]!, 'warn', { member: target, reason: 'two' }));
    expect(text).toMatch(/Escalation: case #\d+, timed out <@\d+> for 10 minutes/);
    expect(sys.sim.state.guild(guildId).members[target]!.communication_disabled_until).not.toBeNull();
    const [timeout] = await casesOf(`?targetId=${target}`);
    expect(timeout).toMatchObject({ type: 'timeout', actorId: botId, source: 'system', reason: expect.stringContaining('2 warnings within 1 days') });
    const four = Array.from({ length: 4 }, () => rule);
    const refused = await dash.api<{ code: string }>('PUT', `/guilds/${guildId}/modules/moderation/config`, { config: { modLogChannelId: modLog, escalation: four } });
    expect([refused.status, refused.body.code]).toEqual([403, 'ModuleLimitExceeded']);
  });
});

describe.sequential('channel controls', () => {
  const offTopic = () => Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'off-topic')!.id;

  it('/purge deletes the matching messages in bulk and leaves the rest; a member without Manage Messages is refused', async () => {
    const ch = offTopic();
    const [spammer, other] = [plain[14]!, plain[15]!];
    for (let i = 0; i < 3; i++) sys.sim.state.messages.create(ch, { authorId: spammer, content: `BUY cheap nitro ${i}` });
    sys.sim.state.messages.create(ch, { authorId: other, content: 'hello' });
    sys.sim.state.messages.create(ch, { authorId: spammer, content: 'sorry' });
    const left = () => (sys.sim.state.data.messages[ch] ?? []).map((m) => m.content);
    expect(await replyOf(await command(plain[16]!, 'purge', { count: 10 }, ch))).toContain('You need Manage Messages in #off-topic');
    expect(await replyOf(await command(mods[8]!, 'purge', { count: 10, contains: 'buy' }, ch))).toContain('Deleted 3 messages');
    expect(left()).toEqual(expect.arrayContaining(['hello', 'sorry']));
    expect(left().some((t) => t.includes('nitro'))).toBe(false);
    expect(await replyOf(await command(mods[8]!, 'purge', { count: 1, member: spammer }, ch))).toContain('Deleted 1 message');
    expect(left()).not.toContain('sorry');
  });

  it('/slowmode, /lock and /unlock change the channel as Discord does; a moderator without Manage Channels is refused', async () => {
    const ch = offTopic();
    const owner = sys.sim.owner.id;
    expect(await replyOf(await command(owner, 'slowmode', { seconds: 30, channel: ch }))).toContain('one message every 30 seconds');
    expect(sys.sim.state.channels.get(ch)).toMatchObject({ rate_limit_per_user: 30 });
    expect(await replyOf(await command(mods[9]!, 'lock', { channel: ch }))).toContain('You need Manage Channels, Manage Roles in #off-topic');
    expect(await replyOf(await command(owner, 'lock', { channel: ch, reason: 'raid' }))).toContain('Locked');
    const everyone = () => ('permission_overwrites' in sys.sim.state.channels.get(ch) ? (sys.sim.state.channels.get(ch) as { permission_overwrites?: { id: string; deny: string }[] }).permission_overwrites : [])?.find((o) => o.id === guildId);
    expect(BigInt(everyone()!.deny) & P.SendMessages).toBe(P.SendMessages);
    expect(sys.sim.state.permissionsOf(guildId, plain[15]!, ch) & P.SendMessages).toBe(0n);
    // Another admin unlocks (commands are rate limited per member).
    const admin = plain[17]!;
    sys.sim.state.members.update(guildId, admin, { roles: [Object.values(sys.sim.state.guild(guildId).roles).find((r) => r.name === 'Admin')!.id] });
    expect(await replyOf(await command(admin, 'unlock', { channel: ch }))).toContain('Unlocked');
    expect(everyone()).toBeUndefined();
    expect(sys.sim.state.permissionsOf(guildId, plain[15]!, ch) & P.SendMessages).toBe(P.SendMessages);
  });

  it('/modlog shows the mod-log channel and refuses one the bot cannot post in', async () => {
    const admin = plain[17]!;
    const staff = Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'staff-chat')!.id;
    const modlog = (subcommand: string, options: Record<string, string> = {}) => sys.sim.interactions.send({ type: 'command', name: 'modlog', subcommand, options, userId: admin, channelId: general });
    expect(await replyOf(await modlog('show'))).toContain(`Cases are posted in <#${modLog}>`);
    expect(await replyOf(await modlog('set', { channel: staff }))).toContain('The bot needs View Channel, Send Messages, Embed Links in #staff-chat');
    expect(await replyOf(await modlog('set', { channel: modLog }))).toContain(`Cases will be posted in <#${modLog}>`);
    const config = (await dash.api<{ module: { config: { modLogChannelId: string; escalation: unknown[] } } }>('GET', `/guilds/${guildId}/modules/moderation`)).body.module.config;
    expect(config).toMatchObject({ modLogChannelId: modLog, escalation: [expect.objectContaining({ warnings: 2 })] });
  });
});

describe.sequential('actions taken outside the bot', () => {
  it('a ban and a timeout made in Discord’s own UI become cases naming the moderator; the bot’s own actions are not doubled', async () => {
    const owner = sys.sim.owner.id;
    const [banned, muted] = [plain[10]!, plain[11]!];
    sys.sim.state.bans.add(guildId, banned, { actorId: owner, reason: 'raid bot' });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    sys.sim.state.members.update(guildId, muted, { communication_disabled_until: until }, { actorId: mods[5]!, reason: 'caps' });
    await poll(async () => (await casesOf(`?targetId=${banned}`))[0]).toMatchObject({ type: 'ban', actorId: owner, reason: 'raid bot', source: 'discord' });
    await poll(async () => (await casesOf(`?targetId=${muted}`))[0]).toMatchObject({ type: 'timeout', actorId: mods[5], reason: 'caps', source: 'discord', active: true });
    sys.sim.state.bans.remove(guildId, banned, { actorId: owner, reason: 'appeal accepted' });
    await poll(async () => (await casesOf(`?targetId=${banned}`)).map((c) => c.type)).toEqual(['unban', 'ban']);
    // A temporary ban lifted from the dashboard's Bans page (the bot acts, through the core API) ends its case.
    const temp = plain[18]!;
    const banned2 = await dash.api<{ case: ModCase }>('POST', `/guilds/${guildId}/modules/moderation/actions`, { action: 'ban', userId: temp, durationSeconds: 3600 });
    expect(banned2.body.case.active).toBe(true);
    expect((await dash.api('DELETE', `/guilds/${guildId}/bans/${temp}`)).status).toBe(204);
    await poll(async () => (await dash.api<ModCase>('GET', `/guilds/${guildId}/modules/moderation/cases/${banned2.body.case.number}`)).body.active).toBe(false);
    // The bot's own bans, kicks and timeouts reached the audit log too, and made no second case.
    expect((await casesOf()).filter((c) => c.source === 'discord').map((c) => c.targetId).sort()).toEqual([banned, banned, muted].sort());
  });
});

describe.sequential('the dashboard in Chromium', () => {
  it('lists cases, opens one and edits its reason; the member page shows cases and notes and warns through the same action', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    const { page, errors } = open;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/moderation`);
    const cases = page.getByTestId('moderation-cases');
    await poll(() => cases.getByTestId('case-row').count()).toBeGreaterThan(3);
    await page.locator('#f-type').selectOption('warn');
    await page.locator('#f-mod').fill(mods[0]!);
    await cases.getByRole('button', { name: 'Filter' }).click();
    await poll(() => cases.getByTestId('case-row').count()).toBe(1);
    await cases.getByRole('button', { name: 'Open case #1' }).click();
    await page.locator('#case-reason').fill('spamming invite links');
    await page.getByTestId('save-reason').click();
    await poll(() => page.getByText('Reason of case #1 saved').count()).toBeGreaterThan(0);
    expect((await casesOf(`?type=warn&actorId=${mods[0]}`))[0]!.reason).toBe('spamming invite links');
    // Names, not ids; and usable on a phone: nothing wider than the screen.
    await cases.getByRole('button', { name: 'Clear' }).click();
    await poll(() => cases.getByTestId('case-row').count()).toBeGreaterThan(3);
    await poll(async () => /\d{17,20}/.test(await cases.locator('tbody').innerText())).toBe(false);
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.screenshot({ path: 'test-artifacts/moderation-cases-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${sys.publicUrl}/guilds/${guildId}`);
    await poll(() => page.getByTestId('moderation-overview').getByText(/Warning: \d+/).count()).toBe(1);

    const target = plain[0]!;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/members/${target}`);
    const card = page.getByTestId('member-moderation');
    await poll(() => card.getByTestId('member-note').count()).toBe(1);
    await page.screenshot({ path: 'test-artifacts/moderation-member.png', fullPage: true });
    await card.getByTestId('mod-warn').click();
    await page.locator('#confirm-reason').fill('second warning');
    await page.getByTestId('confirm').click();
    await poll(() => page.getByText(/Case #\d+: Warning recorded/).count()).toBeGreaterThan(0);
    // Their second warning today: the escalation rule set above times them out too.
    await poll(() => card.getByTestId('member-case').count()).toBe(3);
    const [escalated, warned] = await casesOf(`?targetId=${target}`);
    expect(warned).toMatchObject({ type: 'warn', reason: 'second warning', source: 'dashboard', actorId: sys.sim.owner.id });
    expect(escalated).toMatchObject({ type: 'timeout', source: 'system', actorId: botId });
    expect(errors).toEqual([]);
  }, 120_000);
});

describe.sequential('a temporary ban is lifted on time by its job', () => {
  it('survives a Worker restart: QStash delivers the job to the new Worker, which unbans and records it', async () => {
    const target = plain[8]!;
    const text = await replyOf(await command(mods[0]!, 'ban', { user: target, duration: '12s', reason: 'cool down', delete_days: 1 }));
    expect(text).toMatch(/Case #\d+: Banned <@\d+> for 12 seconds — cool down/);
    const banned = () => sys.sim.state.bans.list(guildId).some((b) => b.user.id === target);
    expect(banned()).toBe(true);
    // The Worker goes away and comes back on the same address; the job lives in QStash.
    await sys.worker.stop();
    restarted = await startTestWorker({ vars: sys.vars, port: Number(new URL(sys.publicUrl).port) });
    expect(banned()).toBe(true);
    await poll(banned, 60_000).toBe(false);
    const [unban, ban] = await casesOf(`?targetId=${target}`);
    // Lifted on time: not before its end (QStash works in whole seconds), and not long after.
    const late = Date.parse(unban!.createdAt) - Date.parse(ban!.expiresAt!);
    expect(late).toBeGreaterThanOrEqual(-1000);
    expect(late).toBeLessThan(15_000);
    expect(ban).toMatchObject({ type: 'ban', active: false, durationSeconds: 12 });
    expect(unban).toMatchObject({ type: 'unban', source: 'system', actorId: botId, reason: expect.stringContaining(`case #${ban!.number}`) });
  }, 120_000);
});
