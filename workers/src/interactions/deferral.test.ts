import { ApplicationCommandOptionType as T, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { signDelivery } from '@edge/dev/qstash/signDelivery';

/** Signs as the local QStash endpoint does (the same code, so the Receiver check is real). */
const qstashSignature = (key: string, url: string, body: string) => signDelivery(key, url, new TextEncoder().encode(body));
import { GUILD, interactionHarness } from './testing/harness';
import { slashPayload } from './testing/payloads';

const sub = (name: string, options?: unknown[]) =>
  slashPayload('lab', [{ type: T.Subcommand, name, ...(options ? { options } : {}) } as never], { guildId: GUILD });

describe('deferral', () => {
  it('answers type 5 (ephemeral when asked) and edits @original after the response', async () => {
    const h = await interactionHarness();
    const payload = sub('slow');
    const res = await h.send(payload);
    expect(await res.json()).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    await h.settle();
    expect(h.webhook.calls).toEqual([{ kind: 'editOriginal', applicationId: payload.application_id, token: payload.token, body: { content: 'slow done' } }]);
  });

  it('tells the member what failed when deferred work throws (never an endless "thinking…")', async () => {
    const h = await interactionHarness();
    const res = await h.send(sub('boomlater'));
    const requestId = res.headers.get('x-request-id')!;
    expect(((await res.json()) as { type: number }).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await h.settle();
    expect(h.webhook.calls).toHaveLength(1);
    expect(h.webhook.calls[0]!.kind).toBe('editOriginal');
    expect(h.webhook.calls[0]!.body.content).toContain(requestId);
    expect(h.logs.some((l) => l.includes('deferred work failed') && l.includes('later kaboom') && l.includes(requestId))).toBe(true);
  });

  it('a follow-up with files reaches the member even when Discord has not yet recorded the defer', async () => {
    const h = await interactionHarness();
    h.webhook.unknownFollowUps = 2;
    await h.send(sub('files'));
    await h.settle();
    expect(h.webhook.calls.map((c) => [c.kind, c.body.content, c.files])).toEqual([
      ['followUp', 'report', ['report.csv']],
      ['editOriginal', 'report below', undefined],
    ]);
  });

  it('falls back to a follow-up when editing @original fails', async () => {
    const h = await interactionHarness();
    h.webhook.failEdits = true;
    await h.send(sub('slow'));
    await h.settle();
    expect(h.webhook.calls).toHaveLength(1);
    expect(h.webhook.calls[0]).toMatchObject({ kind: 'followUp', body: { flags: MessageFlags.Ephemeral } });
    expect(h.webhook.calls[0]!.body.content).toMatch(/^⚠️/);
  });
});

describe('QStash jobs', () => {
  async function deliver(h: Awaited<ReturnType<typeof interactionHarness>>, name: string, body: string, opts: { key?: string; url?: string; retried?: number } = {}) {
    const url = opts.url ?? `https://worker.example.test/jobs/${name}`;
    const signature = await qstashSignature(opts.key ?? h.env.QSTASH_CURRENT_SIGNING_KEY!, url, body);
    const headers: Record<string, string> = { 'upstash-signature': signature, 'content-type': 'application/json' };
    if (opts.retried !== undefined) headers['upstash-retried'] = String(opts.retried);
    return h.app.request(`/jobs/${name}`, { method: 'POST', headers, body }, h.env);
  }

  it('publishes deferred work and the delivered job edits @original', async () => {
    const h = await interactionHarness();
    const payload = sub('job');
    const res = await h.send(payload);
    expect(((await res.json()) as { type: number }).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(h.jobs.published).toHaveLength(1);
    const { name, envelope } = h.jobs.published[0]!;
    expect(envelope.interaction).toMatchObject({ applicationId: payload.application_id, token: payload.token });
    const delivered = await deliver(h, name, JSON.stringify(envelope));
    expect(delivered.status).toBe(200);
    expect(h.webhook.calls).toEqual([{ kind: 'editOriginal', applicationId: payload.application_id, token: payload.token, body: { content: 'job says hello' } }]);
  });

  it('accepts the next signing key too', async () => {
    const h = await interactionHarness();
    await h.send(sub('job'));
    const { name, envelope } = h.jobs.published[0]!;
    expect((await deliver(h, name, JSON.stringify(envelope), { key: h.env.QSTASH_NEXT_SIGNING_KEY })).status).toBe(200);
  });

  it('refuses unsigned, wrongly signed, re-targeted and altered deliveries with 401', async () => {
    const h = await interactionHarness();
    await h.send(sub('job'));
    const { name, envelope } = h.jobs.published[0]!;
    const body = JSON.stringify(envelope);
    expect((await h.app.request(`/jobs/${name}`, { method: 'POST', body }, h.env)).status).toBe(401);
    expect((await deliver(h, name, body, { key: 'someone-else' })).status).toBe(401);
    expect((await deliver(h, name, body, { url: 'https://worker.example.test/jobs/other' })).status).toBe(401);
    const sig = await qstashSignature(h.env.QSTASH_CURRENT_SIGNING_KEY!, `https://worker.example.test/jobs/${name}`, body);
    const altered = await h.app.request(`/jobs/${name}`, { method: 'POST', headers: { 'upstash-signature': sig }, body: body.replace('hello', 'HELLO') }, h.env);
    expect(altered.status).toBe(401);
    expect(h.webhook.calls).toHaveLength(0);
  });

  it('asks QStash to retry a failing job, and reports the failure to the member on the last attempt', async () => {
    const h = await interactionHarness();
    await h.send(sub('job', [{ type: T.Boolean, name: 'fail', value: true }]));
    const { name, envelope } = h.jobs.published[0]!;
    const body = JSON.stringify(envelope);
    expect((await deliver(h, name, body, { retried: 0 })).status).toBe(503);
    expect(h.webhook.calls).toHaveLength(0);
    expect((await deliver(h, name, body, { retried: envelope.retries })).status).toBe(200);
    expect(h.webhook.calls).toHaveLength(1);
    expect(h.webhook.calls[0]!.body.content).toContain(envelope.requestId);
  });

  it('answers 404 to an unknown job and 400 to a signed body that is not an envelope', async () => {
    const h = await interactionHarness();
    expect((await deliver(h, 'nope', '{}')).status).toBe(404);
    expect((await deliver(h, 'lab.echo', '{"x":1}')).status).toBe(400);
    expect((await deliver(h, 'lab.echo', 'not json')).status).toBe(400);
  });
});
