/**
 * Leveling end to end: the real Worker in workerd over the local stack, the simulator playing
 * Discord. Events reach the guild hub through signed `/ingest` batches with known times (so
 * cooldowns and voice minutes are exact); slash commands and buttons come from the simulator.
 * Messages and voice time earn XP by the rules, a level-up is announced once and gives its
 * reward role (replace mode takes the previous one), /rank answers a Components v2 card,
 * /levels pages with buttons, /xp refuses members without Manage Server, the CSV import
 * previews and refuses bad lines, and Postgres holds exactly the hub's XP after a flush.
 */
import { createHmac } from 'node:crypto';
import { REST } from '@discordjs/rest';
import { ComponentType, MessageFlags, Routes, type APIMessage } from 'discord-api-types/v10';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';

let sys: FullSystem;
let dash: DashboardSession;
let db: pg.Client;
let browser: Browser | undefined;
let guildId: string;
const ch: Record<string, string> = {};
const r: Record<string, string> = {};
let members: string[];
const T = Date.now() - 3_600_000;
const at = (sec: number) => T + sec * 1000;

interface MemberXp { userId: string; name: string; avatarUrl: string; xp: number; level: number; into: number; span: number; messages: number; voiceMinutes: number; rank: number | null }
const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/leveling${path}`, body);
const xpOf = async (userId: string) => (await api<MemberXp>('GET', `/members/${userId}`)).body;
const rolesOf = (userId: string) => sys.sim.state.guild(guildId).members[userId]!.roles;
const botMessages = (channelId: string) => (sys.sim.state.data.messages[channelId] ?? []).filter((m) => m.author.id === sys.sim.application.botUserId) as APIMessage[];

async function ingest(batchId: string, events: unknown[]): Promise<void> {
  const body = JSON.stringify({ batchId, events });
  const ts = String(Date.now());
  const signature = `v1=${createHmac('sha256', sys.vars.SHARD_SECRET!).update(`${ts}.${body}`).digest('hex')}`;
  const res = await fetch(`${sys.worker.url}/ingest`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shard-timestamp': ts, 'x-shard-signature': signature } });
  expect(res.status).toBe(200);
}
let n = 0;
const msg = (userId: string, channelId: string, sec: number, roles: string[] = []) =>
  ({ id: `lv:m${++n}`, type: 'MESSAGE_CREATE', guildId, receivedAt: at(sec), payload: { id: `77${n}`, guild_id: guildId, channel_id: channelId, author: { id: userId, bot: false }, member: { roles } } });
const voice = (userId: string, channelId: string | null, sec: number, deaf = false) =>
  ({ id: `lv:v${++n}`, type: 'VOICE_STATE_UPDATE', guildId, receivedAt: at(sec), payload: { guild_id: guildId, channel_id: channelId, user_id: userId, self_deaf: deaf, deaf: false, member: { roles: [], user: { id: userId, bot: false } } } });
const command = (userId: string, name: string, options: Record<string, string | number | boolean> = {}, subcommand?: string) =>
  sys.sim.interactions.send({ type: 'command', name, ...(subcommand && { subcommand }), options, userId, channelId: ch.general! });

beforeAll(async () => {
  sys = await startFullSystem({ shard: false, vars: (sim) => ({ BOT_OWNER_IDS: sim.owner.id }) });
  const { sim } = sys;
  guildId = sim.guildId;
  for (const c of Object.values(sim.state.data.channels)) if ('guild_id' in c && c.guild_id === guildId && c.name) ch[c.name] = c.id;
  const guild = sim.state.guild(guildId);
  for (const role of Object.values(guild.roles)) r[role.name] = role.id;
  for (const name of ['Lvl1', 'Lvl2', 'NoXp']) r[name] = sim.state.roles.create(guildId, { name }).id;
  const botRole = Object.values(guild.roles).find((x) => x.tags?.bot_id === sim.application.botUserId)!;
  r.Gold = sim.state.roles.create(guildId, { name: 'Gold', position: botRole.position + 1 }).id;
  members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !guild.members[id]!.roles.includes(r.Moderator!));
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  db = new pg.Client({ connectionString: sys.stack.databaseUrl });
  await db.connect();
  await ingest('create', [{ id: 'lv:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: guild.name, icon: null, owner_id: guild.owner_id, member_count: 50, joined_at: new Date().toISOString() } }]);
  const config = {
    messageXpMin: 10, messageXpMax: 10, cooldownSeconds: 60, voiceXpPerMinute: 5,
    channelMultipliers: [{ channelId: ch.memes, multiplier: 2 }], noXpChannelIds: [ch['bot-commands']], noXpRoleIds: [r.NoXp],
    roleRewards: [{ level: 1, roleId: r.Lvl1 }, { level: 2, roleId: r.Lvl2 }], rewardMode: 'replace',
    announce: 'current', announceTemplate: 'GG {user}, level {level}!',
  };
  const on = await dash.api('POST', `/guilds/${guildId}/modules/leveling/enable`, { config });
  expect(on.status, on.text).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await db?.end();
  await sys?.stop();
});

describe.sequential('XP from messages and voice, level-ups and rewards', () => {
  it('messages earn XP once per cooldown and double in #memes; nothing in a no-XP channel or with a no-XP role; the level-up is announced once and gives the reward', async () => {
    const [a, b] = members as [string, string];
    const batch = [
      msg(a, ch.general!, 0), msg(a, ch.general!, 30), // within the cooldown: 10 XP
      ...[61, 122, 183, 244].map((s) => msg(a, ch.memes!, s)), // 4 × 20 = 80: 90 in all
      msg(b, ch['bot-commands']!, 0), msg(b, ch.general!, 100, [r.NoXp!]),
    ];
    await ingest('b1', batch);
    await expect.poll(async () => (await xpOf(a)).xp, { timeout: 20_000, interval: 300 }).toBe(90);
    expect(await xpOf(b)).toMatchObject({ xp: 0, rank: null });
    expect(rolesOf(a)).not.toContain(r.Lvl1);
    await ingest('b2', [msg(a, ch.general!, 305)]);
    await expect.poll(async () => (await xpOf(a)).level, { timeout: 20_000, interval: 300 }).toBe(1);
    await expect.poll(() => rolesOf(a).includes(r.Lvl1!), { timeout: 10_000, interval: 200 }).toBe(true);
    await expect.poll(() => botMessages(ch.general!).filter((m) => m.content === `GG <@${a}>, level 1!`).length, { timeout: 10_000, interval: 200 }).toBe(1);
    // The shard sends both batches again (new batch ids, same event ids): nothing is counted or announced twice.
    await ingest('b1-again', batch);
    await ingest('b2-again', [msg(a, ch.general!, 305)].map((e) => ({ ...e, id: `lv:m${n}` })));
    await ingest('b3', [msg(b, ch.general!, 400)]);
    await expect.poll(async () => (await xpOf(b)).xp, { timeout: 20_000, interval: 300 }).toBe(10);
    expect((await xpOf(a)).xp).toBe(100);
    expect(botMessages(ch.general!).filter((m) => m.content.startsWith(`GG <@${a}>`))).toHaveLength(1);
  });

  it('voice earns per minute when not alone and not deafened', async () => {
    const [, , c, d] = members as [string, string, string, string];
    await ingest('v1', [
      voice(c, ch.lounge!, 0), // alone for a minute
      voice(d, ch.lounge!, 60),
      voice(c, ch.lounge!, 180, true), // c deafened from 3:00: d still has company
      voice(d, null, 300),
      voice(c, null, 360),
    ]);
    await expect.poll(async () => (await xpOf(d)).voiceMinutes, { timeout: 20_000, interval: 300 }).toBe(4);
    expect(await xpOf(d)).toMatchObject({ xp: 20, voiceMinutes: 4 });
    expect(await xpOf(c)).toMatchObject({ xp: 10, voiceMinutes: 2 });
  });

  it('/xp give moves to level 2: the replace mode swaps the reward role; members without Manage Server are refused', async () => {
    const [a, b] = members as [string, string];
    const refused = await replyOf(await command(b, 'xp', { member: a, amount: 500 }, 'give'));
    expect(refused).toMatch(/You need Manage Guild/);
    expect((await xpOf(a)).xp).toBe(100);
    expect(await replyOf(await command(sys.sim.owner.id, 'xp', { member: a, amount: 200 }, 'give'))).toContain(`Gave 200 XP to <@${a}>: now 300 XP, level 2.`);
    await expect.poll(() => rolesOf(a).includes(r.Lvl2!) && !rolesOf(a).includes(r.Lvl1!), { timeout: 10_000, interval: 200 }).toBe(true);
    expect(await replyOf(await command(sys.sim.owner.id, 'xp', { member: a, amount: 250 }, 'take'))).toContain('now 50 XP, level 0.');
    await expect.poll(() => rolesOf(a).some((id) => id === r.Lvl1 || id === r.Lvl2), { timeout: 10_000, interval: 200 }).toBe(false);
    expect(await replyOf(await command(sys.sim.owner.id, 'xp', { member: a, amount: 255 }, 'give'))).toContain('now 305 XP, level 2.');
    expect(await replyOf(await command(sys.sim.owner.id, 'xp', { member: b }, 'reset'))).toContain('now 0 XP, level 0.');
  });

  it('a reward role above the bot’s is reported by the dashboard check', async () => {
    const state = (await dash.api<{ config: Record<string, unknown>; version: number }>('GET', `/guilds/${guildId}/modules/leveling`)).body;
    const config = { ...state.config, roleRewards: [{ level: 1, roleId: r.Lvl1 }, { level: 2, roleId: r.Lvl2 }, { level: 5, roleId: r.Gold }] };
    expect((await dash.api('PUT', `/guilds/${guildId}/modules/leveling/config`, { config })).status).toBe(200);
    const check = await api<{ issues: { roleId: string; level: number; problem: string }[] }>('GET', '/rewards/check');
    expect(check.body.issues).toEqual([{ roleId: r.Gold, level: 5, problem: '“Gold” is at or above the bot’s highest role' }]);
  });
});

describe.sequential('rank card, leaderboard, import', () => {
  it('imports a CSV of XP after a preview that names each bad line; refuses a file with bad lines or without confirmation', async () => {
    const ids = Array.from({ length: 22 }, (_, i) => String(100000000000000000n + BigInt(i)));
    const good = ['Rank,Username,User ID,Level,XP,Messages', ...ids.map((id, i) => `${i + 1},user${i},${id},3,${1000 + i * 10},${i}`)].join('\n');
    const bad = `${good}\n23,oops,12ab,1,10,1\n24,dup,${ids[0]},1,10,1\n25,neg,100000000000000099,1,-5,1`;
    const preview = await api<{ rows: unknown[]; errors: { line: number; message: string }[]; overwrites: number }>('POST', '/import/preview', { csv: bad });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows).toHaveLength(22);
    expect(preview.body.errors).toEqual([
      { line: 24, message: '“12ab” is not a Discord user id (17–20 digits)' },
      { line: 25, message: `User ${ids[0]} is already on line 2` },
      { line: 26, message: 'XP “-5” is not a whole number ≥ 0' },
    ]);
    const refused = await api<{ code: string; details: { errors: unknown[] } }>('POST', '/import', { csv: bad, confirm: true });
    expect([refused.status, refused.body.code, refused.body.details.errors.length]).toEqual([400, 'ImportInvalid', 3]);
    expect((await api('POST', '/import', { csv: good })).status).toBe(400);
    const imported = await api<{ imported: number }>('POST', '/import', { csv: good, confirm: true });
    expect([imported.status, imported.body.imported]).toEqual([200, 22]);
    expect((await xpOf(ids[21]!)).xp).toBe(1210);
  });

  it('/rank answers a Components v2 card with level, rank, progress and avatar', async () => {
    const [a] = members as [string];
    const res = await command(a, 'rank');
    expect(res.failed, res.detail).toBe(false);
    const card = res.message!;
    expect(card.flags! & MessageFlags.IsComponentsV2).toBeTruthy();
    const container = card.components![0] as unknown as { type: number; components: { type: number; components?: { content: string }[]; accessory?: { media: { url: string } }; content?: string }[] };
    expect(container.type).toBe(ComponentType.Container);
    const text = JSON.stringify(container);
    expect(text).toContain('Level **2**');
    expect(text).toMatch(/Rank \*\*#\d+\*\* of 2\d/);
    expect(container.components[0]!.accessory!.media.url).toMatch(/^https:\/\/cdn\.discordapp\.com\//);
    expect(container.components.at(-1)!.content).toMatch(/^`[█░]{16}` \d+%\n50 \/ 220 XP to level 3$/);
  });

  it('/levels pages ten members at a time with Previous / Next buttons', async () => {
    const res = await command(members[1]!, 'levels');
    expect(res.failed, res.detail).toBe(false);
    const first = res.message!;
    expect(first.embeds[0]!.footer!.text).toMatch(/^Page 1 of 3 · 2\d members$/);
    expect(first.embeds[0]!.description!.split('\n')).toHaveLength(10);
    const [prev, next] = (first.components![0] as unknown as { components: { custom_id: string; disabled: boolean }[] }).components as [{ custom_id: string; disabled: boolean }, { custom_id: string; disabled: boolean }];
    expect([prev.disabled, next.disabled]).toEqual([true, false]);
    const click = await sys.sim.interactions.send({ type: 'button', customId: next.custom_id, messageId: first.id, userId: members[2]!, channelId: ch.general! });
    expect(click.failed, click.detail).toBe(false);
    const page2 = (sys.sim.state.data.messages[ch.general!] ?? []).find((m) => m.id === first.id)!;
    expect(page2.embeds[0]!.footer!.text).toMatch(/^Page 2 of 3/);
    expect(page2.embeds[0]!.description).toMatch(/^\*\*#11\*\* <@\d+>/);
  });

  it('the dashboard leaderboard shows names and avatars; Postgres holds exactly the hub’s XP after a flush', async () => {
    const board = await api<{ entries: MemberXp[]; total: number }>('GET', '/leaderboard?page=0&size=50');
    expect(board.status, board.text).toBe(200);
    const a = board.body.entries.find((e) => e.userId === members[0])!;
    expect(a.name).toBe(sys.sim.state.guild(guildId).members[members[0]!]!.nick ?? sys.sim.state.users.get(members[0]!).global_name);
    expect(a.avatarUrl).toMatch(/^https:\/\/cdn\.discordapp\.com\//);
    expect(board.body.entries.find((e) => e.userId === '100000000000000000')!.name).toMatch(/^Former member/);
    const flushed = await api<{ statements: number; pending: boolean }>('POST', '/flush');
    expect(flushed.body).toMatchObject({ pending: false });
    const rows = (await db.query<{ user_id: string; xp: string }>('SELECT user_id, xp FROM leveling_members WHERE guild_id = $1 AND xp > 0', [guildId])).rows;
    expect(Object.fromEntries(rows.map((x) => [x.user_id, Number(x.xp)]))).toEqual(Object.fromEntries(board.body.entries.map((e) => [e.userId, e.xp])));
  });
});

describe.sequential('the dashboard in Chromium', () => {
  it('shows the leaderboard with names, the member card, and imports a CSV after a preview and a confirmation', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    const { page, errors } = open;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/leveling`);
    const board = page.getByTestId('leveling-leaderboard');
    await expect.poll(() => board.textContent(), { timeout: 20_000 }).toMatch(/Page 1 of 2 · 2\d members/);
    const a = sys.sim.state.guild(guildId).members[members[0]!]!.nick ?? sys.sim.state.users.get(members[0]!).global_name!;
    // The imported members (not in the server) fill page 1; the member who chatted is on page 2, by name.
    expect(await board.getByText('Former member').count()).toBeGreaterThan(0);
    await board.getByRole('button', { name: 'Next ▶' }).click();
    await expect.poll(() => board.textContent()).toContain(a);
    expect(await board.textContent()).toMatch(/Page 2 of 2/);
    expect(await page.getByTestId('leveling-reward-issues').textContent()).toContain('“Gold” is at or above the bot’s highest role');
    const file = page.getByTestId('leveling-csv');
    await file.setInputFiles({ name: 'mee6.csv', mimeType: 'text/csv', buffer: Buffer.from(`Rank,Username,User ID,Level,XP\n1,ada,${members[5]},2,400\n2,bad,12x,1,5\n`) });
    await expect.poll(() => page.getByTestId('leveling-import').textContent()).toContain('Line 3: “12x” is not a Discord user id');
    expect(await page.getByTestId('leveling-import-go').isDisabled()).toBe(true);
    await file.setInputFiles({ name: 'mee6.csv', mimeType: 'text/csv', buffer: Buffer.from(`Rank,Username,User ID,Level,XP\n1,ada,${members[5]},2,400\n`) });
    await expect.poll(() => page.getByTestId('leveling-import-summary').textContent()).toContain('1 members read from mee6.csv');
    await page.getByTestId('leveling-import-go').click();
    await page.locator('dialog[open]').getByTestId('confirm').click();
    await expect.poll(() => page.getByText('Imported the XP of 1 members').count()).toBeGreaterThan(0);
    expect((await xpOf(members[5]!)).xp).toBe(400);
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/members/${members[5]}`);
    await expect.poll(() => page.getByTestId('member-level').textContent(), { timeout: 20_000 }).toBe('2');
    await page.screenshot({ path: 'test-artifacts/leveling-member.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
