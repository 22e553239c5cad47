import { ApplicationCommandOptionType as T, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_WINDOW_SECONDS } from './verifyDiscordRequest';
import { GUILD, interactionHarness } from './testing/harness';
import { pingPayload, slashPayload } from './testing/payloads';

type Harness = Awaited<ReturnType<typeof interactionHarness>>;

describe('POST /interactions: signature and envelope', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await interactionHarness();
  });

  it('answers a signed PING with PONG', async () => {
    const res = await h.send(pingPayload());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: InteractionResponseType.Pong });
  });

  it('refuses missing, malformed and wrong signatures with 401 in the standard error shape', async () => {
    const body = JSON.stringify(pingPayload());
    const good = await h.keys.signedInit(body);
    const headers = good.headers as Record<string, string>;
    const cases: Record<string, string>[] = [
      {},
      { 'x-signature-timestamp': headers['x-signature-timestamp']! },
      { ...headers, 'x-signature-ed25519': 'zz' },
      { ...headers, 'x-signature-ed25519': '0'.repeat(128) },
      { ...headers, 'x-signature-timestamp': String(Number(headers['x-signature-timestamp']) + 1) },
    ];
    for (const hdrs of cases) {
      const res = await h.send(null, { method: 'POST', headers: hdrs, body });
      expect(res.status).toBe(401);
      const json = (await res.json()) as { statusCode: number; requestId: string; path: string };
      expect(json).toMatchObject({ statusCode: 401, error: 'Unauthorized', path: '/interactions' });
      expect(res.headers.get('x-request-id')).toBe(json.requestId);
    }
  });

  it('refuses a body altered after signing, even when the new body is not JSON', async () => {
    const good = await h.keys.signedInit(pingPayload());
    for (const body of ['{"type":1,"id":"1"}', 'not json']) {
      expect((await h.send(null, { ...good, body })).status).toBe(401);
    }
  });

  it('refuses a correctly signed but stale or future timestamp', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - SIGNATURE_WINDOW_SECONDS - 5, now + SIGNATURE_WINDOW_SECONDS + 5]) {
      expect((await h.send(null, await h.keys.signedInit(pingPayload(), { timestamp }))).status).toBe(401);
    }
    expect((await h.send(null, await h.keys.signedInit(pingPayload(), { timestamp: now - 60 }))).status).toBe(200);
  });

  it('answers 400 (never 500) to signed bodies that are not interactions, logged with the request id', async () => {
    for (const body of ['{not json', '[]', '{"type":1}', JSON.stringify({ ...slashPayload('ping', [], { guildId: GUILD }), type: 99 })]) {
      const res = await h.send(null, await h.keys.signedInit(body));
      expect(res.status).toBe(400);
      const json = (await res.json()) as { requestId: string };
      expect(h.logs.some((l) => l.includes(json.requestId))).toBe(true);
    }
    const noUser = { ...slashPayload('ping', [], {}), user: undefined };
    expect((await h.send(noUser)).status).toBe(400);
  });
});

describe('slash commands: routing and options', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await interactionHarness();
  });
  const echo = (options: unknown[]) => slashPayload('lab', [{ type: T.Subcommand, name: 'echo', options } as never], { guildId: GUILD });
  const answer = async (payload: unknown) => (await (await h.send(payload)).json()) as { type: number; data: { content?: string; flags?: number } };

  it('runs a subcommand with typed options, choices and the module config from the hub', async () => {
    const r = await answer(echo([{ type: T.String, name: 'text', value: 'ab' }, { type: T.Integer, name: 'times', value: 2 }]));
    expect(r).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'abab (hey)' } });
  });

  it('answers unknown commands and bad options ephemerally, with a 200', async () => {
    const bad = [
      slashPayload('nope', [], { guildId: GUILD }),
      echo([{ type: T.Integer, name: 'text', value: 3 }]),
      echo([{ type: T.String, name: 'text', value: 3 }]),
      echo([{ type: T.String, name: 'text', value: 'x' }, { type: T.Integer, name: 'times', value: 3 }]),
      echo([{ type: T.Integer, name: 'times', value: 1 }]),
      echo([{ type: T.String, name: 'text', value: 'x' }, { type: T.String, name: 'extra', value: 'y' }]),
      slashPayload('lab', [{ type: T.Subcommand, name: 'missing' } as never], { guildId: GUILD }),
      slashPayload('lab', [], { guildId: GUILD }),
    ];
    for (const payload of bad) {
      const res = await h.send(payload);
      expect(res.status).toBe(200);
      const r = (await res.json()) as { data: { flags: number; content: string } };
      expect(r.data.flags).toBe(MessageFlags.Ephemeral);
      expect(r.data.content).toMatch(/^⚠️/);
    }
    expect(h.logs.filter((l) => l.includes('"interaction refused"')).length).toBeGreaterThanOrEqual(bad.length);
  });

  it('turns a throwing handler into an ephemeral error with a reference, and logs it', async () => {
    const res = await h.send(slashPayload('lab', [{ type: T.Subcommand, name: 'boom' }], { guildId: GUILD }));
    const requestId = res.headers.get('x-request-id')!;
    const r = (await res.json()) as { data: { flags: number; content: string } };
    expect(r.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(r.data.content).toContain(requestId);
    expect(r.data.content).not.toContain('kaboom');
    const line = h.logs.find((l) => l.includes('interaction handler failed') && l.includes(requestId));
    expect(line).toContain('kaboom');
  });

  it('shows an InteractionError message to the member as is', async () => {
    const r = await answer(slashPayload('lab', [{ type: T.Subcommand, name: 'refuse' }], { guildId: GUILD }));
    expect(r.data.content).toBe('⚠️ You cannot do that.');
  });

  it('answers autocomplete with the handler choices for the focused option', async () => {
    const { autocompletePayload } = await import('./testing/payloads');
    const res = await h.send(
      autocompletePayload('lab', [{ type: T.Subcommand, name: 'echo', options: [{ type: T.String, name: 'fruit', value: 'ap', focused: true }] }], { guildId: GUILD }),
    );
    expect(await res.json()).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'apple', value: 'apple' }, { name: 'apricot', value: 'apricot' }] },
    });
  });
});
