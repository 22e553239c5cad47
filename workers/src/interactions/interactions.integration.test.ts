import { ApplicationCommandOptionType as T, InteractionResponseType } from 'discord-api-types/v10';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVars, startLocalStack, startTestWorker, type LocalStack, type TestWorker } from '../../../dev/src/testing';
import { buttonPayload, pingPayload, slashPayload } from './testing/payloads';
import { createTestKeyPair, type TestKeyPair } from './testing/testKeyPair';

const GUILD = '200000000000000001';
const who = { guildId: GUILD };

/**
 * The real Worker in workerd (GuildHub Durable Object, local Redis/QStash/Postgres stack),
 * with a minimal stand-in for Discord's webhook API recording follow-ups.
 * TODO(simulator): switch the stand-in to `startSimulator()` once simulator/src/index.ts lands.
 */
describe('interactions in workerd', () => {
  let stack: LocalStack;
  let worker: TestWorker;
  let discord: Server;
  let keys: TestKeyPair;
  const hooks: Array<{ method: string; url: string; body: { content?: string } }> = [];

  beforeAll(async () => {
    keys = await createTestKeyPair();
    discord = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        hooks.push({ method: req.method!, url: req.url!, body: raw ? JSON.parse(raw) : {} });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: '1', content: '' }));
      });
    });
    await new Promise<void>((r) => discord.listen(0, '127.0.0.1', r));
    stack = await startLocalStack();
    const api = `http://127.0.0.1:${(discord.address() as AddressInfo).port}/api`;
    worker = await startTestWorker({
      vars: makeTestVars(stack, { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_BASE: api }),
      entrypoint: new URL('./testing/labWorker.ts', import.meta.url).pathname,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
    await new Promise<void>((r) => (discord ? discord.close(() => r()) : r()));
  });

  const send = async (payload: unknown) => worker.fetch('/interactions', await keys.signedInit(payload));
  const waitForHooks = async (n: number) => {
    for (let i = 0; i < 100 && hooks.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    return hooks;
  };

  it('refuses the invalid-signature probe with 401 and answers PING', async () => {
    const init = await keys.signedInit(pingPayload());
    const probe = await worker.fetch('/interactions', { ...init, headers: { ...(init.headers as object), 'x-signature-ed25519': '0'.repeat(128) } });
    expect(probe.status).toBe(401);
    expect(await (await send(pingPayload())).json()).toEqual({ type: InteractionResponseType.Pong });
  });

  it("answers a member's /help, /ping and /about, reading the guild's hub", async () => {
    const help = (await (await send(slashPayload('help', [], who))).json()) as { data: { embeds: Array<{ footer: { text: string } }>; components: Array<{ components: Array<{ custom_id: string }> }> } };
    expect(help.data.embeds[0]!.footer.text).toBe('Page 1/2');
    const next = (await (await send(buttonPayload(help.data.components[0]!.components[1]!.custom_id, who))).json()) as typeof help & { type: number };
    expect(next.type).toBe(InteractionResponseType.UpdateMessage);
    expect(next.data.embeds[0]!.footer.text).toBe('Page 2/2');
    const ping = (await (await send(slashPayload('ping', [], who))).json()) as { data: { content: string } };
    expect(ping.data.content).toMatch(/Round trip: \d+ ms · hub: [\d.]+ ms/);
    const about = (await (await send(slashPayload('about', [], who))).json()) as { data: { embeds: Array<{ fields: Array<{ value: string }> }> } };
    expect(about.data.embeds[0]!.fields[2]!.value).toContain('Core');
  });

  it('completes a deferred command by editing @original, and reports a throwing one', async () => {
    const slow = slashPayload('lab', [{ type: T.Subcommand, name: 'slow' }], who);
    expect(((await (await send(slow)).json()) as { type: number }).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const boom = slashPayload('lab', [{ type: T.Subcommand, name: 'boomlater' }], who);
    const res = await send(boom);
    const requestId = res.headers.get('x-request-id')!;
    await res.json();
    const calls = await waitForHooks(2);
    const slowHook = calls.find((h) => h.url.includes(slow.token));
    expect(slowHook).toMatchObject({ method: 'PATCH', body: { content: 'slow done' } });
    expect(slowHook!.url).toMatch(/\/api\/v10\/webhooks\/100000000000000001\/.+\/messages\/(@|%40)original/);
    const boomHook = calls.find((h) => h.url.includes(boom.token));
    expect(boomHook!.body.content).toContain(requestId);
  });
});
