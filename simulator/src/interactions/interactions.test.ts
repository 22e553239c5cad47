import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyKey } from 'discord-interactions';
import { InteractionResponseType, InteractionType, MessageFlags, type APIInteraction } from 'discord-api-types/v10';
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator } from '../index.js';

let sim: Simulator;
let app: Server;
let endpoint: string;
const received: { verified: boolean; payload: APIInteraction }[] = [];
/** What the test endpoint answers for a command name / custom id. */
let behaviour: (i: APIInteraction) => Promise<unknown> | unknown = () => ({ type: 4, data: { content: 'hi' } });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 10, seed: 9 });
  app = createServer((req, res) => void (async () => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const sig = req.headers['x-signature-ed25519'] as string | undefined;
    const ts = req.headers['x-signature-timestamp'] as string | undefined;
    const ok = !!sig && !!ts && (await verifyKey(body, sig, ts, sim.application.publicKey));
    if (!ok) return res.writeHead(401).end('invalid request signature');
    const payload = JSON.parse(body) as APIInteraction;
    received.push({ verified: ok, payload });
    if (payload.type === InteractionType.Ping) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}');
    const answer = await behaviour(payload);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  })().catch((err: unknown) => {
    // An exception would otherwise leave the request hanging and the rejection unhandled.
    console.error(err);
    res.destroy();
  }));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(app.address() as AddressInfo).port}/interactions`;
  sim.interactions.setEndpoint(endpoint);
});
afterAll(async () => {
  await sim?.stop();
  app.closeAllConnections();
  await new Promise((r) => app.close(r));
});

const where = () => {
  const general = Object.values(sim.state.data.channels).find((c) => 'name' in c && c.name === 'general')!.id;
  return { userId: sim.owner.id, channelId: general };
};

describe('interactions (the simulator plays Discord)', () => {
  it('signs a slash command that verifyKey accepts, with member permissions, and posts the reply', async () => {
    behaviour = () => ({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong!' } });
    const r = await sim.interactions.send({ type: 'command', name: 'mod', subcommand: 'warn', options: { user: sim.owner.id, reason: 'x' }, ...where() });
    expect(r.failed).toBe(false);
    const got = received.at(-1)!;
    expect(got.verified).toBe(true);
    expect(got.payload).toMatchObject({ type: 2, guild_id: sim.guildId, application_id: sim.application.id, member: { user: { id: sim.owner.id } } });
    expect(BigInt((got.payload as { member: { permissions: string } }).member.permissions)).toBe(sim.state.permissionsOf(sim.guildId, sim.owner.id, where().channelId));
    expect(got.payload.data).toMatchObject({ name: 'mod', options: [{ name: 'warn', type: 1, options: [{ name: 'user', type: 6 }, { name: 'reason', type: 3 }] }] });
    expect(r.message).toMatchObject({ content: 'pong!' });
    expect(sim.state.messages.get(where().channelId, r.message!.id).content).toBe('pong!');
  });

  it('keeps ephemeral replies out of the channel, and defers then edits through the webhook', async () => {
    behaviour = () => ({ type: 4, data: { content: 'secret', flags: MessageFlags.Ephemeral } });
    const e = await sim.interactions.send({ type: 'command', name: 'secret', ...where() });
    expect(e.ephemeral).toBe(true);
    expect(() => sim.state.messages.get(where().channelId, e.message!.id)).toThrow();

    behaviour = () => ({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const d = await sim.interactions.send({ type: 'command', name: 'slow', ...where() });
    expect(d.callbackType).toBe(5);
    expect((d.message!.flags ?? 0) & MessageFlags.Loading).toBeTruthy();
    const edit = await fetch(`${sim.api}/v10/webhooks/${sim.application.id}/${d.record.token}/messages/%40original`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'done' }) });
    expect(edit.status).toBe(200);
    const edited = sim.state.messages.get(where().channelId, d.record.originalMessageId!);
    expect([edited.content, (edited.flags ?? 0) & MessageFlags.Loading]).toEqual(['done', 0]);
    const follow = await fetch(`${sim.api}/v10/webhooks/${sim.application.id}/${d.record.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'more', flags: 64 }) });
    expect(follow.status).toBe(200);
    expect(d.record.ephemeral).toHaveLength(1);
    d.record.createdAt -= 16 * 60_000;
    const expired = await fetch(`${sim.api}/v10/webhooks/${sim.application.id}/${d.record.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'late' }) });
    expect([expired.status, ((await expired.json()) as { code: number }).code]).toEqual([401, 50027]);
  });

  it('records modals and autocomplete choices, updates messages on buttons', async () => {
    behaviour = () => ({ type: 9, data: { custom_id: 'm1', title: 'Report', components: [] } });
    expect((await sim.interactions.send({ type: 'command', name: 'report', ...where() })).modal).toMatchObject({ custom_id: 'm1' });
    behaviour = () => ({ type: 8, data: { choices: [{ name: 'a', value: 'a' }] } });
    const ac = await sim.interactions.send({ type: 'autocomplete', name: 'tag', options: { q: 'a' }, focused: 'q', ...where() });
    expect(ac.choices).toEqual([{ name: 'a', value: 'a' }]);
    const msg = sim.state.messages.create(where().channelId, { authorId: sim.application.botUserId, content: 'click', components: [] });
    behaviour = () => ({ type: 7, data: { content: 'clicked' } });
    const b = await sim.interactions.send({ type: 'button', customId: 'btn', messageId: msg.id, ...where() });
    expect(b.failed).toBe(false);
    expect(sim.state.messages.get(where().channelId, msg.id).content).toBe('clicked');
    behaviour = () => ({ type: 7, data: { content: 'x' } });
    const wrong = await sim.interactions.send({ type: 'command', name: 'x', ...where() });
    expect([wrong.failed, wrong.reason]).toEqual([true, 'invalid_response']);
  });

  it('sends user context-menu commands with target_id and the resolved target member, as Discord does', async () => {
    behaviour = () => ({ type: 9, data: { custom_id: 'why', title: 'Warn', components: [] } });
    const target = Object.keys(sim.state.guild(sim.guildId).members).find((id) => id !== sim.owner.id && id !== sim.application.botUserId)!;
    const r = await sim.interactions.send({ type: 'user-command', name: 'Warn', targetId: target, ...where() });
    expect(r.modal).toMatchObject({ custom_id: 'why' });
    const got = received.at(-1)!.payload as unknown as { type: number; data: Record<string, unknown> };
    expect(got.type).toBe(InteractionType.ApplicationCommand);
    expect(got.data).toMatchObject({ name: 'Warn', type: 2, target_id: target, resolved: { users: { [target]: { id: target } }, members: { [target]: { roles: expect.any(Array) } } } });
    expect(got.data).not.toHaveProperty('options');
  });

  it('lets a member use the buttons of an ephemeral reply, updating it in place (never in the channel)', async () => {
    behaviour = () => ({ type: 4, data: { content: 'page 1', flags: MessageFlags.Ephemeral, components: [{ type: 1, components: [{ type: 2, style: 2, label: 'next', custom_id: 'next' }] }] } });
    const first = await sim.interactions.send({ type: 'command', name: 'pages', ...where() });
    behaviour = (i) => ({ type: 7, data: { content: `page 2 (from ${(i as { message?: { content?: string } }).message?.content})` } });
    const click = await sim.interactions.send({ type: 'button', customId: 'next', messageId: first.message!.id, ...where() });
    expect([click.failed, click.ephemeral, click.message?.content]).toEqual([false, true, 'page 2 (from page 1)']);
    expect(first.record.ephemeral[0]!.content).toBe('page 2 (from page 1)');
    expect(() => sim.state.messages.get(where().channelId, first.message!.id)).toThrow();
  });

  it('fails an interaction answered after 3 seconds', async () => {
    behaviour = async () => {
      await new Promise((r) => setTimeout(r, 3_300));
      return { type: 4, data: { content: 'too late' } };
    };
    const r = await sim.interactions.send({ type: 'command', name: 'late', ...where() });
    expect([r.failed, r.reason]).toEqual([true, 'timeout']);
  });

  it('probes the endpoint like Discord and reports an endpoint that accepts bad signatures', async () => {
    expect(await sim.interactions.probe()).toMatchObject({ ok: true, problems: [] });
    const naive = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":1}'));
    await new Promise<void>((r) => naive.listen(0, '127.0.0.1', r));
    const result = await sim.interactions.probe(`http://127.0.0.1:${(naive.address() as AddressInfo).port}/`);
    naive.closeAllConnections();
    await new Promise((r) => naive.close(r));
    expect(result.ok).toBe(false);
    expect(result.problems.join(' ')).toContain('invalid_signature');
  });

  it('accepts the callback route and follow-up webhooks through @discordjs/rest, answers valid per the spec', async () => {
    const rest = new REST({ api: sim.api, retries: 0 });
    behaviour = async (i) => {
      const res = await rest.post(Routes.interactionCallback(i.id, i.token), { auth: false, body: { type: 4, data: { content: 'via rest' } }, query: new URLSearchParams({ with_response: 'true' }) });
      expect(spec.InteractionCallbackResponseSchema!.safeParse(res).success).toBe(true);
      return {};
    };
    const r = await sim.interactions.send({ type: 'command', name: 'viarest', ...where() });
    expect([r.failed, r.record.answeredVia, r.message?.content]).toEqual([false, 'rest', 'via rest']);
    const again = await rest.post(Routes.interactionCallback(r.record.id, r.record.token), { auth: false, body: { type: 4, data: { content: 'twice' } } }).catch((e: { code: number }) => e.code);
    expect(again).toBe(40060);
    const original = await rest.get(Routes.webhookMessage(sim.application.id, r.record.token, '@original'), { auth: false });
    expect(spec.MessageResponseSchema!.safeParse(original).success).toBe(true);
    const f = (await rest.post(Routes.webhook(sim.application.id, r.record.token), { auth: false, body: { content: 'follow' } })) as { id: string };
    expect(spec.MessageResponseSchema!.safeParse(f).success).toBe(true);
    expect(spec.MessageResponseSchema!.safeParse(await rest.patch(Routes.webhookMessage(sim.application.id, r.record.token, f.id), { auth: false, body: { content: 'edited' } })).success).toBe(true);
    await rest.delete(Routes.webhookMessage(sim.application.id, r.record.token, f.id), { auth: false });
    expect(() => sim.state.messages.get(where().channelId, f.id)).toThrow();
  });
});
