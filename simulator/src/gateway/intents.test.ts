import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFlags, GatewayIntentBits as I } from 'discord-api-types/v10';
import { startGatewayHarness, type GatewayHarness } from './testing/startGatewayHarness.js';
import { RawGatewayClient } from './testing/RawGatewayClient.js';

describe('gateway intents', () => {
  let h: GatewayHarness;
  const clients: RawGatewayClient[] = [];
  /** One identified client per intents value, READY and GUILD_CREATE received. */
  async function client(intents: number): Promise<RawGatewayClient> {
    const c = new RawGatewayClient(`${h.gateway.url}?v=10&encoding=json`);
    clients.push(c);
    c.identify(h.app.botToken, intents);
    await c.until(() => c.dispatches.some((p) => p.t === 'READY'));
    return c;
  }
  const settle = () => new Promise((r) => setTimeout(r, 150));

  beforeAll(async () => {
    h = await startGatewayHarness({
      appFlags: ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayGuildMembers,
      gateway: { identifyWindowMs: 0 },
    });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await h.close();
  });

  it('filters dispatches by intent and strips content without MESSAGE_CONTENT', async () => {
    const guildsOnly = await client(I.Guilds);
    const noContent = await client(I.Guilds | I.GuildMessages);
    const full = await client(I.Guilds | I.GuildMessages | I.MessageContent | I.GuildMembers);
    const general = h.demo.channels['general']!;
    const author = h.demo.memberIds[3]!;
    const plain = h.state.messages.create(general, { authorId: author, content: 'secret words', embeds: [{ title: 'hidden' }] });
    const mention = h.state.messages.create(general, { authorId: author, content: `hi <@${h.app.botUserId}>` });
    const joiner = h.state.users.create({ username: 'newbie' });
    h.state.members.add(h.demo.guildId, joiner.id);
    await settle();

    const types = (c: RawGatewayClient) => c.dispatches.map((p) => p.t);
    expect(types(guildsOnly)).not.toContain('MESSAGE_CREATE');
    expect(types(guildsOnly)).not.toContain('GUILD_MEMBER_ADD');
    expect(types(noContent)).not.toContain('GUILD_MEMBER_ADD');
    expect(types(full)).toContain('GUILD_MEMBER_ADD');

    const msg = (c: RawGatewayClient, id: string) => c.dispatches.find((p) => p.t === 'MESSAGE_CREATE' && p.d.id === id)!.d;
    expect(msg(noContent, plain.id)).toMatchObject({ content: '', embeds: [], attachments: [] });
    expect(msg(full, plain.id)).toMatchObject({ content: 'secret words', embeds: [{ title: 'hidden' }] });
    // Messages mentioning the bot keep their content (Discord's exception).
    expect(msg(noContent, mention.id).content).toBe(`hi <@${h.app.botUserId}>`);
  });

  it('GUILD_CREATE lists every member only with GUILD_MEMBERS', async () => {
    const without = await client(I.Guilds);
    const withMembers = await client(I.Guilds | I.GuildMembers);
    await without.until(() => without.dispatches.some((p) => p.t === 'GUILD_CREATE'));
    await withMembers.until(() => withMembers.dispatches.some((p) => p.t === 'GUILD_CREATE'));
    const members = (c: RawGatewayClient) => c.dispatches.find((p) => p.t === 'GUILD_CREATE')!.d.members as { user: { id: string } }[];
    expect(members(without).map((m) => m.user.id)).toEqual([h.app.botUserId]);
    expect(members(withMembers)).toHaveLength(Object.keys(h.state.guild(h.demo.guildId).members).length);
  });
});
