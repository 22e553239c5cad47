/**
 * Role panels end to end: the real Worker in workerd over the local stack, the Discord
 * simulator playing Discord and sending the clicks. Panels are posted from the dashboard API and
 * `/roles panel post` (and edited in place), each mode is clicked through, the refusals (required
 * and forbidden roles, a role above the bot) change nothing, every change is audited, and the
 * dashboard's preview renders in Chromium.
 */
import { REST } from '@discordjs/rest';
import { ComponentType, Routes, type APIMessage } from 'discord-api-types/v10';
import type { Browser } from 'playwright-core';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';

let sys: FullSystem;
let dash: DashboardSession;
let browser: Browser | undefined;
let guildId: string;
let general: string;
const r: Record<string, string> = {};
/** Plain members (not moderators), one or two per scenario (interactions are rate limited per member). */
let members: string[];

const rolesOf = (userId: string) => sys.sim.state.guild(guildId).members[userId]!.roles;
const setRoles = (userId: string, roles: string[]) => sys.sim.state.members.update(guildId, userId, { roles });
const message = (id: string) => (sys.sim.state.data.messages[general] ?? []).find((m) => m.id === id) as APIMessage | undefined;
const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}${path}`, body);
const messageIds: Record<string, string> = {};
/** The buttons of a message's action rows. */
const buttonsOf = (msg: APIMessage) => (msg.components as unknown as { components: { label?: string; custom_id: string }[] }[]).flatMap((row) => row.components);

/** Clicks the button labelled `label` on a panel's message. */
async function click(userId: string, panel: string, label: string): Promise<string> {
  const msg = message(messageIds[panel]!)!;
  const button = buttonsOf(msg).find((c) => c.label === label)!;
  return replyOf(await sys.sim.interactions.send({ type: 'button', customId: button.custom_id, messageId: msg.id, userId, channelId: general }));
}

/** Chooses role ids in a panel's select menu. */
async function choose(userId: string, panel: string, values: string[]): Promise<string> {
  const msg = message(messageIds[panel]!)!;
  const row = msg.components![0] as { components: { custom_id: string; type: number }[] };
  expect(row.components[0]!.type).toBe(ComponentType.StringSelect);
  return replyOf(await sys.sim.interactions.send({ type: 'select', customId: row.components[0]!.custom_id, messageId: msg.id, values, userId, channelId: general }));
}

const option = (role: string, label: string, emoji: string | null = null) => ({ roleId: r[role]!, label, emoji });
const panels = () => [
  { id: 'colours', channelId: general, title: 'Pick a colour', description: 'One colour at a time.', style: 'buttons', mode: 'unique', forbiddenRoles: [r.Muted], options: [option('Red', 'Red', '🔴'), option('Green', 'Green', '🟢'), option('Blue', 'Blue', '🔵')] },
  { id: 'pings', channelId: general, title: 'Notifications', style: 'select', mode: 'toggle', requiredRoles: [r.Verified], options: [option('Pings', 'Pings'), option('Events', 'Events')] },
  { id: 'join', channelId: general, title: 'Join the pings', mode: 'add', options: [option('Pings', 'Join')] },
  { id: 'leave', channelId: general, title: 'Leave the pings', mode: 'remove', options: [option('Pings', 'Leave')] },
  { id: 'gold', channelId: general, title: 'VIP', mode: 'toggle', options: [option('Gold', 'Gold')] },
];

beforeAll(async () => {
  sys = await startFullSystem({ vars: (sim) => ({ BOT_OWNER_IDS: sim.owner.id }) });
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  const guild = sim.state.guild(guildId);
  for (const role of Object.values(guild.roles)) r[role.name] = role.id;
  for (const name of ['Red', 'Green', 'Blue', 'Pings', 'Muted']) r[name] = sim.state.roles.create(guildId, { name }).id;
  const botRole = Object.values(guild.roles).find((x) => x.tags?.bot_id === sim.application.botUserId)!;
  // Above the bot's own role: the bot cannot give it.
  r.Gold = sim.state.roles.create(guildId, { name: 'Gold', position: botRole.position + 1 }).id;
  members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !guild.members[id]!.roles.includes(r.Moderator!));
  for (const id of members) setRoles(id, [r.Verified!]);
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('role panels', () => {
  it('the free plan holds 3 panels; premium more', async () => {
    const refused = await api<{ code: string }>('POST', '/modules/roles/enable', { config: { panels: panels() } });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.code).toBe('ModuleLimitExceeded');
    expect((await api('PUT', '/plan', { plan: 'premium' })).status).toBe(200);
    const on = await api('POST', '/modules/roles/enable', { config: { panels: panels() } });
    expect(on.status, on.text).toBe(200);
  });

  it('the dashboard posts a panel, then edits the same message in place', async () => {
    const first = await api<{ messageId: string; action: string }>('POST', '/modules/roles/panels/colours/publish');
    expect(first.status, first.text).toBe(200);
    expect(first.body.action).toBe('posted');
    const msg = message(first.body.messageId)!;
    expect(msg.embeds[0]!.title).toBe('Pick a colour');
    const labels = buttonsOf(msg).map((c) => c.label);
    expect(labels).toEqual(['Red', 'Green', 'Blue']);
    const before = (sys.sim.state.data.messages[general] ?? []).length;
    const again = await api<{ messageId: string; action: string }>('POST', '/modules/roles/panels/colours/publish');
    expect(again.body).toMatchObject({ action: 'edited', messageId: first.body.messageId });
    expect((sys.sim.state.data.messages[general] ?? []).length).toBe(before);
    messageIds.colours = first.body.messageId;
    const config = (await api<{ module: { config: { panels: { id: string; messageId: string | null }[] } } }>('GET', '/modules/roles')).body.module.config;
    expect(config.panels.find((p) => p.id === 'colours')!.messageId).toBe(first.body.messageId);
    expect((await api<{ code: string }>('POST', '/modules/roles/panels/nope/publish')).body.code).toBe('NotFound');
  });

  it('/roles panel post posts the others', async () => {
    for (const id of ['pings', 'join', 'leave', 'gold']) {
      const text = await replyOf(await sys.sim.interactions.send({ type: 'command', name: 'roles', subcommandGroup: 'panel', subcommand: 'post', options: { panel: id }, userId: sys.sim.owner.id, channelId: general }));
      expect(text).toContain(`Posted panel “${id}”`);
    }
    const config = (await api<{ module: { config: { panels: { id: string; messageId: string | null }[] } } }>('GET', '/modules/roles')).body.module.config;
    for (const p of config.panels) messageIds[p.id] = p.messageId!;
    expect(Object.values(messageIds).every((id) => message(id))).toBe(true);
  });

  it('unique: one colour at a time; picking the held one removes it', async () => {
    const m = members[0]!;
    expect(await click(m, 'colours', 'Red')).toContain(`Added <@&${r.Red}>`);
    expect(rolesOf(m)).toContain(r.Red);
    const swap = await click(m, 'colours', 'Blue');
    expect(swap).toContain(`Added <@&${r.Blue}>`);
    expect(swap).toContain(`Removed <@&${r.Red}>`);
    expect(rolesOf(m)).toContain(r.Blue);
    expect(rolesOf(m)).not.toContain(r.Red);
    expect(await click(m, 'colours', 'Blue')).toContain(`Removed <@&${r.Blue}>`);
    expect(rolesOf(m)).toEqual([r.Verified]);
  });

  it('toggle (select menu): adds what is missing, removes what is held', async () => {
    const m = members[1]!;
    await choose(m, 'pings', [r.Pings!, r.Events!]);
    expect(rolesOf(m).sort()).toEqual([r.Verified, r.Pings, r.Events].sort());
    expect(await choose(m, 'pings', [r.Events!])).toContain(`Removed <@&${r.Events}>`);
    expect(rolesOf(m).sort()).toEqual([r.Verified, r.Pings].sort());
  });

  it('add only and remove only', async () => {
    const m = members[2]!;
    expect(await click(m, 'join', 'Join')).toContain(`Added <@&${r.Pings}>`);
    expect(await click(m, 'join', 'Join')).toBe('You already have that role.');
    expect(rolesOf(m)).toContain(r.Pings);
    expect(await click(m, 'leave', 'Leave')).toContain(`Removed <@&${r.Pings}>`);
    expect(await click(m, 'leave', 'Leave')).toBe('You do not have that role.');
    expect(rolesOf(m)).toEqual([r.Verified]);
  });

  it('refuses members without a required role or with a forbidden one, changing nothing', async () => {
    const [a, b] = [members[3]!, members[4]!];
    setRoles(a, [r.Newcomer!]);
    expect(await choose(a, 'pings', [r.Pings!])).toContain('You need @Verified to use this panel');
    expect(rolesOf(a)).toEqual([r.Newcomer]);
    setRoles(b, [r.Verified!, r.Muted!]);
    expect(await click(b, 'colours', 'Green')).toContain('Members with @Muted cannot use this panel');
    expect(rolesOf(b)).toEqual([r.Verified, r.Muted]);
  });

  it('refuses a role at or above the bot’s highest role, saying how to fix it', async () => {
    const m = members[5]!;
    const text = await click(m, 'gold', 'Gold');
    expect(text).toContain('“Gold” is at or above the bot’s highest role');
    expect(rolesOf(m)).toEqual([r.Verified]);
  });

  it('audits every assignment', async () => {
    const { entries } = (await api<{ entries: { action: string; details: { userId: string; added: string[]; removed: string[] } }[] }>('GET', '/audit-log?action=roles.assign&limit=50')).body;
    const of = (userId: string) => entries.filter((e) => e.details.userId === userId);
    expect(of(members[0]!)).toHaveLength(3);
    expect(of(members[0]!).some((e) => e.details.added.includes(r.Blue!) && e.details.removed.includes(r.Red!))).toBe(true);
    expect(of(members[2]!)).toHaveLength(2);
    expect(of(members[3]!)).toHaveLength(0);
    expect(of(members[5]!)).toHaveLength(0);
  });
});

describe.sequential('reaction roles', () => {
  it('a reaction on an existing message gives the role; removing it takes it back; a role above the bot is refused and audited', async () => {
    const hello = (sys.sim.state.data.messages[general] ?? []).find((m) => m.content === 'hello everyone 👋')!;
    const current = (await api<{ module: { config: Record<string, unknown> } }>('GET', '/modules/roles')).body.module.config;
    const reactionRoles = [
      { channelId: general, messageId: hello.id, emoji: '⭐', roleId: r.Pings, mode: 'toggle' },
      { channelId: general, messageId: hello.id, emoji: '👑', roleId: r.Gold, mode: 'add' },
    ];
    const saved = await api('PUT', '/modules/roles/config', { config: { ...current, reactionRoles } });
    expect(saved.status, saved.text).toBe(200);
    const m = members[6]!;
    const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
    sys.sim.state.messages.reactions.add(general, hello.id, m, '⭐');
    await poll(() => rolesOf(m).includes(r.Pings!)).toBe(true);
    sys.sim.state.messages.reactions.remove(general, hello.id, m, '⭐');
    await poll(() => rolesOf(m).includes(r.Pings!)).toBe(false);
    sys.sim.state.messages.reactions.add(general, hello.id, m, '👑');
    await poll(async () => (await api<{ entries: { details: { userId: string; roleId: string; summary: string } }[] }>('GET', '/audit-log?action=roles.refused')).body.entries.some((e) => e.details.userId === m && e.details.roleId === r.Gold)).toBe(true);
    expect(rolesOf(m)).not.toContain(r.Gold);
    const assigned = (await api<{ entries: { details: { userId: string; added: string[]; removed: string[] } }[] }>('GET', '/audit-log?action=roles.assign&limit=50')).body.entries.filter((e) => e.details.userId === m);
    expect(assigned.map((e) => [e.details.added, e.details.removed])).toEqual([[[], [r.Pings]], [[r.Pings], []]]);
  });
});

describe.sequential('the dashboard in Chromium', () => {
  it('previews the panel as Discord shows it and updates it in place', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    const { page, errors } = open;
    await page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/roles`);
    const preview = page.getByTestId('roles-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('Pick a colour');
    for (const label of ['Red', 'Green', 'Blue']) expect(await preview.getByText(label, { exact: false }).count()).toBeGreaterThan(0);
    const before = (sys.sim.state.data.messages[general] ?? []).length;
    await page.getByTestId('roles-publish').click();
    await expect.poll(() => page.getByText('Updated panel “colours”').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect((sys.sim.state.data.messages[general] ?? []).length).toBe(before);
    await page.screenshot({ path: 'test-artifacts/roles-preview.png', fullPage: true });
    expect(errors).toEqual([]);
  });
});
