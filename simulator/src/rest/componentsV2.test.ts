import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { ComponentType, MessageFlags, Routes, type APIMessage } from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator } from '../index.js';

let sim: Simulator;
let rest: REST;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 5, seed: 7 });
  rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.application.botToken);
});
afterAll(async () => {
  await sim?.stop();
});

const general = () => Object.values(sim.state.data.channels).find((x) => 'name' in x && x.name === 'general' && 'guild_id' in x && x.guild_id === sim.guildId)!.id;
const card = {
  flags: MessageFlags.IsComponentsV2,
  components: [{
    type: ComponentType.Container, accent_color: 0x5865f2,
    components: [
      { type: ComponentType.Section, components: [{ type: ComponentType.TextDisplay, content: '## Ada' }], accessory: { type: ComponentType.Thumbnail, media: { url: 'https://cdn.discordapp.com/embed/avatars/1.png' } } },
      { type: ComponentType.Separator, divider: true, spacing: 1 },
      { type: ComponentType.TextDisplay, content: '`████░░░░` 50%' },
    ],
  }],
};
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DiscordAPIError);
  return e as DiscordAPIError;
};

describe('Components v2 messages, shaped as in discord-api-spec', () => {
  it('accepts a container with a section, a thumbnail, a separator and text, and serves it back', async () => {
    const s = spec as unknown as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    expect(s.MessageCreateRequestSchema!.safeParse(card).success).toBe(true);
    const msg = (await rest.post(Routes.channelMessages(general()), { body: card })) as APIMessage;
    expect(msg.flags! & MessageFlags.IsComponentsV2).toBeTruthy();
    expect(msg.components).toEqual(card.components);
    expect(msg.content).toBe('');
  });

  it('refuses content or embeds beside the flag, bad shapes, and V2 components without the flag', async () => {
    const withContent = await refusal(rest.post(Routes.channelMessages(general()), { body: { ...card, content: 'hi' } }));
    expect([withContent.status, withContent.code]).toEqual([400, 50035]);
    expect(JSON.stringify(withContent.rawError)).toContain('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
    const noAccessory = { ...card, components: [{ type: ComponentType.Section, components: [{ type: ComponentType.TextDisplay, content: 'x' }] }] };
    expect((await refusal(rest.post(Routes.channelMessages(general()), { body: noAccessory }))).code).toBe(50035);
    const tooMuchText = { ...card, components: [{ type: ComponentType.TextDisplay, content: 'a'.repeat(3000) }, { type: ComponentType.TextDisplay, content: 'b'.repeat(1500) }] };
    expect(JSON.stringify((await refusal(rest.post(Routes.channelMessages(general()), { body: tooMuchText }))).rawError)).toContain('4000');
    const noFlag = await refusal(rest.post(Routes.channelMessages(general()), { body: { components: card.components } }));
    expect(noFlag.message).toContain('IS_COMPONENTS_V2');
  });

  it('an edit of a V2 message may not add content', async () => {
    const msg = (await rest.post(Routes.channelMessages(general()), { body: card })) as APIMessage;
    expect((await refusal(rest.patch(Routes.channelMessage(general(), msg.id), { body: { content: 'now with text' } }))).code).toBe(50035);
    const edited = (await rest.patch(Routes.channelMessage(general(), msg.id), { body: { components: [{ type: ComponentType.TextDisplay, content: 'updated' }] } })) as APIMessage;
    expect(edited.components).toEqual([{ type: ComponentType.TextDisplay, content: 'updated' }]);
  });
});
