/**
 * Economy end to end: the real Worker in workerd over the local stack (Postgres behind the Neon
 * driver), the simulator sending the slash commands. Each command's happy path and refusals:
 * cooldowns, payments (two members paying each other at once lose nothing), more than the
 * balance, the shop selling a role (given) and refusing one above the bot, admin give/take
 * with the Manage Server check, the leaderboard; then the dashboard's routes (names and avatars,
 * a member's ledger, give/take) and the Free plan's shop limit.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import type { Browser } from 'playwright-core';
import type { InteractionResult } from '@edge/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';

let sys: FullSystem;
let browser: Browser | undefined;
let dash: DashboardSession;
let guildId: string;
let general: string;
let m: string[];
const r: Record<string, string> = {};

const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/economy${path}`, body);
const cmd = (userId: string, name: string, options: Record<string, string | number> = {}, subcommand?: string) =>
  sys.sim.interactions.send({ type: 'command', name, ...(subcommand ? { subcommand } : {}), options, userId, channelId: general });
const say = async (userId: string, name: string, options: Record<string, string | number> = {}, subcommand?: string) => replyOf(await cmd(userId, name, options, subcommand));
const rolesOf = (userId: string) => sys.sim.state.guild(guildId).members[userId]!.roles;

/** The embed of a command's final reply (ephemeral or public). */
async function embedOf(res: InteractionResult): Promise<APIEmbed> {
  expect(res, `${res.reason}: ${res.detail}`).toMatchObject({ failed: false });
  for (let i = 0; i < 200; i++) {
    const id = res.record.originalMessageId;
    const msg = (res.record.ephemeral.find((x) => x.id === id) ?? (sys.sim.state.data.messages[general] ?? []).find((x) => x.id === id)) as APIMessage | undefined;
    if (msg?.embeds?.[0]) return msg.embeds[0];
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('no final reply with an embed');
}

const shop = () => [
  { name: 'VIP', price: 50, roleId: r.VIP, description: 'A shiny role' },
  { name: 'Gold', price: 10, roleId: r.Gold },
  { name: 'Cookie', price: 5 },
];

beforeAll(async () => {
  sys = await startFullSystem({ shard: false });
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  const guild = sim.state.guild(guildId);
  for (const role of Object.values(guild.roles)) r[role.name] = role.id;
  r.VIP = sim.state.roles.create(guildId, { name: 'VIP' }).id;
  const botRole = Object.values(guild.roles).find((x) => x.tags?.bot_id === sim.application.botUserId)!;
  r.Gold = sim.state.roles.create(guildId, { name: 'Gold', position: botRole.position + 1 }).id;
  m = Object.keys(guild.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !guild.members[id]!.roles.includes(r.Moderator!));
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('economy', () => {
  it('the Free plan’s shop holds 5 items', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `Item ${i}`, price: 1 }));
    const refused = await api<{ code: string }>('POST', '/enable', { config: { shop: six } });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.code).toBe('ModuleLimitExceeded');
    const on = await api('POST', '/enable', { config: { shop: shop(), currencyName: 'gems', currencySymbol: '💎' } });
    expect(on.status, on.text).toBe(200);
  });

  it('/daily and /work pay once per cooldown; /balance shows it', async () => {
    const a = m[0]!;
    expect(await say(a, 'daily')).toBe('💰 You claimed **💎 100 gems**. Balance: 💎 100 gems.');
    expect(await say(a, 'daily')).toMatch(/⚠️ You can use \/daily again <t:\d+:R>\./);
    const worked = await say(a, 'work');
    const earned = Number(/earned \*\*💎 (\d+) gems/.exec(worked)![1]);
    expect(earned).toBeGreaterThanOrEqual(10);
    expect(earned).toBeLessThanOrEqual(50);
    expect(await say(a, 'work')).toMatch(/⚠️ You can use \/work again/);
    expect(await say(m[4]!, 'balance', { member: a })).toBe(`<@${a}> has **💎 ${100 + earned} gems**.`);
  });

  it('/economy give and take need Manage Server; a take never goes below zero', async () => {
    const [b, c, plain] = [m[1]!, m[2]!, m[3]!];
    const owner = sys.sim.owner.id;
    expect(await say(owner, 'economy', { member: b, amount: 100, reason: 'welcome gift' }, 'give')).toContain(`Gave **💎 100 gems** to <@${b}>. Their balance: 💎 100 gems.`);
    expect(await say(owner, 'economy', { member: c, amount: 100 }, 'give')).toContain('Their balance: 💎 100 gems.');
    expect(await say(plain, 'economy', { member: plain, amount: 1000 }, 'give')).toMatch(/⚠️ You need Manage Guild/);
    expect(await say(owner, 'economy', { member: b, amount: 1000 }, 'take')).toContain('⚠️ Not enough money: the balance is 100');
  });

  it('two members paying each other at the same moment lose nothing; refusals change nothing', async () => {
    const [b, c] = [m[1]!, m[2]!];
    const replies = await Promise.all([cmd(b, 'pay', { member: c, amount: 30 }), cmd(c, 'pay', { member: b, amount: 20 }), cmd(b, 'pay', { member: c, amount: 30 }), cmd(c, 'pay', { member: b, amount: 20 })].map(async (p) => replyOf(await p)));
    expect(replies.every((t) => t.startsWith('✅ You paid'))).toBe(true);
    expect(await say(b, 'pay', { member: c, amount: 1000 })).toBe('⚠️ Not enough money: the balance is 80');
    expect(await say(b, 'pay', { member: b, amount: 1 })).toBe('⚠️ You cannot pay yourself');
    expect(await say(m[5]!, 'balance', { member: c })).toBe(`<@${c}> has **💎 120 gems**.`);
  });

  it('/shop lists, sells a role (given), refuses a role held already or above the bot, and more than the balance', async () => {
    const c = m[2]!;
    const list = await embedOf(await cmd(m[7]!, 'shop', {}, 'list'));
    expect(list.description).toContain('**VIP** — 💎 50 gems · gives <@&');
    expect(list.description).toContain('**Cookie** — 💎 5 gems');
    expect(await say(c, 'shop', { item: 'vip' }, 'buy')).toBe(`🛍️ You bought **VIP** for 💎 50 gems and got <@&${r.VIP}>. Balance: 💎 70 gems.`);
    expect(rolesOf(c)).toContain(r.VIP);
    expect(await say(c, 'shop', { item: 'VIP' }, 'buy')).toBe(`⚠️ You already have <@&${r.VIP}>`);
    // Checked before paying: a member without the money hears about the role, and nothing is charged.
    expect(await say(m[7]!, 'shop', { item: 'Gold' }, 'buy')).toContain('“Gold” is at or above');
    expect(rolesOf(m[7]!)).not.toContain(r.Gold);
    expect(await say(m[6]!, 'shop', { item: 'Cookie' }, 'buy')).toBe('⚠️ Not enough money: the balance is 0');
    expect(await say(m[6]!, 'shop', { item: 'Nope' }, 'buy')).toBe('⚠️ The shop has no “Nope”: see /shop list');
  });

  it('/economy leaderboard ranks the richest', async () => {
    const board = await embedOf(await cmd(m[6]!, 'economy', {}, 'leaderboard'));
    expect(board.description!.split('\n')[0]).toMatch(/^\*\*1\.\*\* <@\d+> — 💎 \d+ gems$/);
    expect(board.description).toContain(`<@${m[2]}> — 💎 70 gems`);
  });

  it('the dashboard: leaderboard with names and avatars, a member’s ledger, give and take', async () => {
    const board = await api<{ entries: { userId: string; name: string; avatarUrl: string | null; balance: number; rank: number }[] }>('GET', '/leaderboard');
    expect(board.status, board.text).toBe(200);
    const c = board.body.entries.find((e) => e.userId === m[2])!;
    const user = sys.sim.state.users.get(m[2]!);
    expect(c).toMatchObject({ balance: 70, name: sys.sim.state.guild(guildId).members[m[2]!]!.nick ?? user.global_name ?? user.username });
    expect(board.body.entries.map((e) => e.rank)).toEqual(board.body.entries.map((_, i) => i + 1));
    const card = await api<{ balance: number; entries: { kind: string; amount: number; memo: string | null }[] }>('GET', `/members/${m[2]}`);
    expect(card.body.balance).toBe(70);
    expect(card.body.entries[0]).toMatchObject({ kind: 'buy', amount: -50, memo: 'VIP' });
    expect(card.body.entries.map((e) => e.kind)).toEqual(['buy', 'pay', 'pay', 'pay', 'pay', 'give']);
    const given = await api<{ balance: number }>('POST', `/members/${m[6]}/adjust`, { action: 'give', amount: 25, reason: 'event prize' });
    expect(given.status, given.text).toBe(200);
    expect(given.body.balance).toBe(25);
    const over = await api<{ code: string }>('POST', `/members/${m[6]}/adjust`, { action: 'take', amount: 1000 });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('InsufficientFunds');
    expect((await api<{ code: string }>('POST', `/members/${m[6]}/adjust`, { action: 'give', amount: 0 })).status).toBe(400);
  });

  it('in Chromium: the module page ranks members by name; a member’s page shows the wallet and gives money after a confirmation', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    const { page, errors } = open;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/economy`);
    const board = page.getByTestId('economy-leaderboard');
    const user = sys.sim.state.users.get(m[2]!);
    const name = sys.sim.state.guild(guildId).members[m[2]!]!.nick ?? user.global_name ?? user.username;
    await expect.poll(() => board.textContent(), { timeout: 20_000 }).toContain(name);
    expect(await board.textContent()).toContain('💎 70 gems');
    // Beside the shop editor: the role the bot cannot give is named before anyone tries to buy it.
    await expect.poll(() => page.getByTestId('economy-shop-check').textContent(), { timeout: 20_000 }).toContain('“Gold”: @Gold is at or above the bot’s highest role');
    expect(await page.getByTestId('economy-shop-check').textContent()).not.toContain('“VIP”');
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/members/${m[6]}`);
    const wallet = page.getByTestId('member-economy');
    await expect.poll(() => page.getByTestId('member-balance').textContent(), { timeout: 20_000 }).toContain('💎 25 gems');
    await wallet.getByLabel('Amount').fill('5');
    await wallet.getByRole('button', { name: 'Give…' }).click();
    await page.getByRole('button', { name: 'Give', exact: true }).click();
    await expect.poll(() => page.getByTestId('member-balance').textContent(), { timeout: 20_000 }).toContain('💎 30 gems');
    expect(await wallet.textContent()).toContain('Given by an admin');
    await page.screenshot({ path: 'test-artifacts/economy-member.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
