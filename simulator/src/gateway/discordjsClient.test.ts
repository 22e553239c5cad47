import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, GatewayIntentBits, type Guild, type GuildMember, type Message } from 'discord.js';
import { ApplicationFlags } from 'discord-api-types/v10';
import { startGatewayHarness, type GatewayHarness } from './testing/startGatewayHarness.js';
import { Scenario } from '../scenario/index.js';

describe('discord.js Client against the simulator', () => {
  let h: GatewayHarness;
  let client: Client;
  let scenario: Scenario;

  beforeAll(async () => {
    h = await startGatewayHarness({ appFlags: ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayMessageContent });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      rest: { api: h.api },
    });
  });
  afterAll(async () => {
    scenario?.stop();
    await client?.destroy();
    await h?.close();
  });

  it('logs in, gets ready with the demo guild, then messageCreate and guildMemberAdd as the scenario plays', async () => {
    const guildCreate = new Promise<Guild>((r) => client.once('guildCreate', r));
    const ready = new Promise<void>((r) => client.once('clientReady' as 'ready', () => r()));
    await client.login(h.app.botToken);
    await ready;
    const guild = client.guilds.cache.get(h.demo.guildId) ?? (await guildCreate);
    expect(guild.id).toBe(h.demo.guildId);
    expect(guild.name).toBe('Demo Guild');
    expect(guild.members.cache.size).toBe(Object.keys(h.state.guild(h.demo.guildId).members).length);

    const messages: Message[] = [];
    const joins: GuildMember[] = [];
    client.on('messageCreate', (m) => void messages.push(m));
    client.on('guildMemberAdd', (m) => void joins.push(m));
    scenario = new Scenario(h.state, { seed: 3, guildIds: [h.demo.guildId], weights: { join: 20 }, record: true });
    scenario.start(300);
    const deadline = Date.now() + 10_000;
    while ((messages.length < 5 || joins.length < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    scenario.stop();

    expect(messages.length).toBeGreaterThanOrEqual(5);
    expect(joins.length).toBeGreaterThanOrEqual(2);
    const produced = scenario.events.filter((e) => e.type === 'message');
    const first = produced.find((e) => e.messageId === messages[0]!.id)!;
    expect(messages[0]!.content.length).toBeGreaterThan(0);
    expect(messages[0]!.author.id).toBe(first.userId);
    expect(messages[0]!.channelId).toBe(first.channelId);
    expect(joins.map((m) => m.id)).toEqual(scenario.events.filter((e) => e.type === 'join').map((e) => e.userId).slice(0, joins.length));
  });
});
