/**
 * Custom commands end to end: the real Worker, shard and simulator. Saving the config registers
 * the guild commands on Discord (changed ones only) and deleting removes them; a member runs one
 * with options, random choice, an embed and a role button; allowed channels and cooldowns hold;
 * the auto-responder answers a matching message once, with the content shipped to this guild only.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIApplicationCommand, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import type { Browser } from 'playwright-core';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import type { CustomCommandsConfig } from './config';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let offTopic: string;
let members: string[];
let rest: REST;
let roleId: string;
let browser: Browser | undefined;

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 200 });
const guildCommands = async () => (await rest.get(Routes.applicationGuildCommands(sys.sim.application.id, guildId))) as APIApplicationCommand[];
const messages = (ch: string) => (sys.sim.state.data.messages[ch] ?? []) as APIMessage[];
const save = (config: Partial<CustomCommandsConfig>) => dash.api('PUT', `/guilds/${guildId}/modules/customcommands/config`, { config });
const run = (name: string, userId: string, options: Record<string, string | number | boolean> = {}, channelId = general) =>
  sys.sim.interactions.send({ type: 'command', name, options, userId, channelId });

const greet = {
  name: 'greet', description: 'Greets someone', response: '{random:Hello|Hi} {option.who}, from {user.name}! {if:option.loud|{upper:welcome}|welcome}',
  options: [{ name: 'who', description: 'Who', type: 'user', required: true }, { name: 'loud', description: 'Shout', type: 'boolean', required: false }],
};

beforeAll(async () => {
  sys = await startFullSystem();
  const { sim } = sys;
  guildId = sim.guildId;
  const channels = Object.values(sim.state.data.channels).filter((c) => 'guild_id' in c && c.guild_id === guildId);
  general = channels.find((c) => c.name === 'general')!.id;
  offTopic = sim.state.channels.create(guildId, { name: 'off-topic', type: 0 }).id;
  members = Object.keys(sim.state.guild(guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.users.get(id).bot);
  roleId = sim.state.roles.create(guildId, { name: 'Pingable' }).id;
  rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  expect((await dash.api('POST', `/guilds/${guildId}/modules/customcommands/enable`, {})).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('custom slash commands', () => {
  it('registers saved commands as guild commands beside the bot’s own, refuses bad templates with their position', async () => {
    const bad = await save({ commands: [{ ...greet, response: 'Hi {usr}' }] as never });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('at 4: unknown variable “usr”');
    const ok = await save({ commands: [greet, { name: 'rules', description: 'The rules', response: 'Be kind, {user}.', embed: true, embedTitle: 'Rules of {server.name}', ephemeral: true }, { name: 'poll', response: 'mine' }] as never });
    expect(ok.status, ok.text).toBe(200);
    await poll(async () => (await guildCommands()).map((c) => c.name)).toEqual(expect.arrayContaining(['greet', 'rules', 'poll', 'remind']));
    const greetCmd = (await guildCommands()).find((c) => c.name === 'greet')!;
    expect(greetCmd.options).toMatchObject([{ name: 'who', type: 6, required: true }, { name: 'loud', type: 5 }]);
    // The bot’s own /poll stays the bot’s: the custom one is not registered over it.
    expect((await guildCommands()).filter((c) => c.name === 'poll')).toHaveLength(1);
    const reg = await dash.api<{ commands: { name: string }[] }>('GET', `/guilds/${guildId}/modules/customcommands/registered`);
    expect(reg.body.commands.map((c) => c.name)).toEqual(['greet', 'rules']);
  });

  it('answers with the template filled: options, random choice, conditions; an ephemeral embed', async () => {
    const res = await run('greet', members[0]!, { who: members[1]!, loud: true });
    expect(res.failed, res.detail).toBe(false);
    const name = sys.sim.state.users.get(members[0]!).global_name ?? sys.sim.state.users.get(members[0]!).username;
    expect(res.message!.content).toMatch(new RegExp(`^(Hello|Hi) <@${members[1]}>, from ${name}! WELCOME$`));
    expect(res.message!.mentions.map((u) => u.id)).toEqual([members[1]]);
    const rules = await run('rules', members[0]!);
    expect(rules.ephemeral).toBe(true);
    expect(rules.message!.embeds[0]).toMatchObject({ title: expect.stringMatching(/^Rules of /), description: `Be kind, <@${members[0]}>.` });
  });

  it('holds allowed channels, allowed roles and cooldowns; role buttons give and take the role', async () => {
    const cmd = { name: 'colour', description: 'Get the pingable role', response: 'Pick below', allowedChannels: [general], cooldownSeconds: 60, roleButtons: [{ roleId, label: 'Pingable', action: 'toggle' }] };
    expect((await save({ commands: [greet, cmd] as never })).status).toBe(200);
    await poll(async () => (await guildCommands()).map((c) => c.name)).toContain('colour');
    await poll(async () => (await guildCommands()).map((c) => c.name)).not.toContain('rules');
    expect((await run('colour', members[2]!, {}, offTopic)).message!.content).toContain('works in');
    const first = await run('colour', members[2]!);
    expect(first.message!.content).toBe('Pick below');
    expect((await run('colour', members[2]!)).message!.content).toContain('cooling down');
    const button = (first.message!.components![0] as { components: { custom_id: string }[] }).components[0]!;
    const click = () => sys.sim.interactions.send({ type: 'button', customId: button.custom_id, messageId: first.message!.id, userId: members[3]!, channelId: general });
    await click();
    await poll(() => sys.sim.state.guild(guildId).members[members[3]!]!.roles).toContain(roleId);
    await click();
    await poll(() => sys.sim.state.guild(guildId).members[members[3]!]!.roles).not.toContain(roleId);
  });

  it('commands a bulk overwrite wiped are registered again by POST /sync', async () => {
    await rest.put(Routes.applicationGuildCommands(sys.sim.application.id, guildId), { body: commandBodies() });
    expect((await guildCommands()).map((c) => c.name)).not.toContain('greet');
    const synced = await dash.api<{ registered: string[] }>('POST', `/guilds/${guildId}/modules/customcommands/sync`);
    expect(synced.body.registered.sort()).toEqual(['colour', 'greet']);
    expect((await guildCommands()).map((c) => c.name)).toEqual(expect.arrayContaining(['greet', 'colour', 'poll']));
  });

  it('a deleted command is removed from Discord', async () => {
    expect((await save({ commands: [greet] as never })).status).toBe(200);
    await poll(async () => (await guildCommands()).map((c) => c.name)).not.toContain('colour');
    expect((await guildCommands()).map((c) => c.name)).toContain('greet');
  });
});

describe.sequential('auto-responder', () => {
  it('answers a matching message once, as a reply; regexes that could be slow are refused', async () => {
    const slow = await save({ commands: [greet] as never, autoResponders: [{ trigger: '(a+)+$', match: 'regex', response: 'x' }] as never });
    expect(slow.status).toBe(400);
    expect(slow.text).toContain('repeated group');
    const on = await save({ commands: [greet] as never, autoResponders: [{ trigger: 'when*event*', match: 'wildcard', response: 'Events are listed in {channel}, {user.name}. You said: “{message}”', cooldownSeconds: 60 }] as never });
    expect(on.status, on.text).toBe(200);
    await poll(() => sys.shard!.shard.policy.config?.guilds[guildId] ?? []).toEqual(expect.arrayContaining(['MESSAGE_CREATE', 'MESSAGE_CREATE.content']));
    // The shard identifies again when the modules need more intents than it started with: messages
    // sent before its new session is ready would never reach it (as on Discord).
    await poll(() => {
      const wanted = sys.shard!.shard.policy.config?.intents ?? 0;
      return sys.sim.gateway.sessions().some((x) => x.connected && (x.intents & wanted) === wanted && x.guildIds.includes(guildId));
    }).toBe(true);
    const { state } = sys.sim;
    state.messages.create(general, { authorId: members[4]!, content: 'nothing to see' });
    const asked = state.messages.create(general, { authorId: members[4]!, content: 'When is the next event?' });
    await poll(() => messages(general).some((m) => m.message_reference?.message_id === asked.id)).toBe(true);
    const reply = messages(general).find((m) => m.message_reference?.message_id === asked.id)!;
    expect(reply.content).toBe(`Events are listed in <#${general}>, ${state.users.get(members[4]!).global_name ?? state.users.get(members[4]!).username}. You said: “When is the next event?”`);
    // Within the channel's cooldown the same question is not answered again; in another channel it is
    // (sent after, so once it is answered the first has been processed too).
    const again = state.messages.create(general, { authorId: members[5]!, content: 'when is the event' });
    const elsewhere = state.messages.create(offTopic, { authorId: members[5]!, content: 'when is the event' });
    await poll(() => messages(offTopic).some((m) => m.message_reference?.message_id === elsewhere.id)).toBe(true);
    expect(messages(general).some((m) => m.message_reference?.message_id === again.id)).toBe(false);
    expect(messages(general).filter((m) => m.message_reference?.message_id === asked.id)).toHaveLength(1);
  });
});

describe.sequential('dashboard (Chromium)', () => {
  it('previews the saved command filled with samples and tells which auto-response a message triggers', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    await open.page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/customcommands`);
    const preview = open.page.locator('section[aria-labelledby="cc-prev-h"]');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('/greet');
    expect(await preview.textContent()).toContain('Hello @Grace, from Ada! WELCOME');
    await open.page.getByLabel('Try a message').fill('When is the next event?');
    await expect.poll(() => open.page.getByTestId('cc-trigger-test').textContent()).toContain('Auto-response #1');
    await open.page.getByLabel('Try a message').fill('hello there');
    await expect.poll(() => open.page.getByTestId('cc-trigger-test').textContent()).toBe('No auto-response matches.');
    expect(open.errors).toEqual([]);
  });
});
