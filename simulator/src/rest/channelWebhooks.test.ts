import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes, type APIMessage, type APIWebhook } from 'discord-api-types/v10';
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

const textChannel = () =>
  Object.values(sim.state.data.channels).find((x) => 'guild_id' in x && x.guild_id === sim.guildId && x.type === 0)!.id;

describe('channel webhooks (create, execute) through @discordjs/rest', () => {
  it('creates a webhook the spec accepts and executes it with embeds, authored by the webhook', async () => {
    const channelId = textChannel();
    const hook = (await rest.post(Routes.channelWebhooks(channelId), { body: { name: 'Server log' } })) as APIWebhook;
    const parsed = spec.GuildIncomingWebhookResponseSchema!.safeParse(hook);
    expect(parsed.success ? [] : parsed.error!.issues).toEqual([]);
    expect(hook.token).toBeTruthy();

    const anon = new REST({ api: sim.api, retries: 0 });
    const msg = (await anon.post(Routes.webhook(hook.id, hook.token), {
      body: { embeds: [{ title: 'one' }, { title: 'two' }] },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as APIMessage;
    expect(msg.webhook_id).toBe(hook.id);
    expect(msg.author.id).toBe(hook.id);
    expect(msg.embeds.map((e) => e.title)).toEqual(['one', 'two']);
    const listed = (await rest.get(Routes.channelWebhooks(channelId))) as APIWebhook[];
    expect(listed.map((w) => w.id)).toContain(hook.id);
    // Without wait, Discord answers 204.
    const res = await fetch(`${sim.api}/v10${Routes.webhook(hook.id, hook.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'DiscordBot (test, 1)' },
      body: JSON.stringify({ content: 'x' }),
    });
    expect(res.status).toBe(204);
  });

  it('refuses a wrong token, and answers Unknown Webhook once the channel is deleted', async () => {
    const created = (await rest.post(Routes.guildChannels(sim.guildId), { body: { name: 'gone-soon', type: 0 } })) as { id: string };
    const hook = (await rest.post(Routes.channelWebhooks(created.id), { body: { name: 'Log' } })) as APIWebhook;
    const anon = new REST({ api: sim.api, retries: 0 });
    const bad = await anon.post(Routes.webhook(hook.id, 'nope'), { body: { content: 'x' }, auth: false }).catch((e: unknown) => e);
    expect((bad as DiscordAPIError).code).toBe(50027);
    await rest.delete(Routes.channel(created.id));
    const gone = await anon.post(Routes.webhook(hook.id, hook.token!), { body: { content: 'x' }, auth: false }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DiscordAPIError);
    expect((gone as DiscordAPIError).code).toBe(10015);
  });

  it('refuses an empty message', async () => {
    const hook = (await rest.post(Routes.channelWebhooks(textChannel()), { body: { name: 'Log' } })) as APIWebhook;
    const anon = new REST({ api: sim.api, retries: 0 });
    const e = await anon.post(Routes.webhook(hook.id, hook.token!), { body: {}, auth: false }).catch((x: unknown) => x);
    expect((e as DiscordAPIError).code).toBe(50006);
  });
});

describe('multipart uploads', () => {
  it('a webhook message with a file carries it as an attachment whose URL serves the bytes', async () => {
    const hook = (await rest.post(Routes.channelWebhooks(textChannel()), { body: { name: 'Files' } })) as APIWebhook;
    const anon = new REST({ api: sim.api, retries: 0 });
    const msg = (await anon.post(Routes.webhook(hook.id, hook.token!), {
      auth: false,
      query: new URLSearchParams({ wait: 'true' }),
      body: { content: 'report', attachments: [{ id: 0, filename: 'report.csv' }] },
      files: [{ name: 'report.csv', data: 'a,b\r\n1,2\r\n', contentType: 'text/csv' }],
    })) as APIMessage;
    expect(msg.attachments).toEqual([expect.objectContaining({ filename: 'report.csv', size: 10, content_type: 'text/csv' })]);
    expect(await (await fetch(msg.attachments[0]!.url)).text()).toBe('a,b\r\n1,2\r\n');
  });
});
