import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Receiver } from '@upstash/qstash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQstash, type QstashService } from './startQstash';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  verified: boolean;
}

describe('local QStash endpoint', () => {
  let qstash: QstashService;
  let client: Client;
  let receiver: Receiver;
  let destBase: string;
  const received: Received[] = [];
  /** Status the destination answers per path (default 200). */
  const statusFor = new Map<string, number[]>();
  const dest = createServer((req, res) => void (async () => {
    let body = '';
    for await (const c of req) body += c;
    const url = `${destBase}${req.url}`;
    const verified = await receiver.verify({ signature: String(req.headers['upstash-signature']), body, url }).catch(() => false);
    received.push({ path: req.url!, headers: req.headers, body, at: Date.now(), verified });
    const plan = statusFor.get(req.url!) ?? [];
    res.writeHead(plan.shift() ?? 200).end('answer');
  })().catch((err: unknown) => {
    // An exception would otherwise leave the request hanging and the rejection unhandled.
    console.error(err);
    res.destroy();
  }));
  const waitFor = async (pred: () => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    await new Promise<void>((r) => dest.listen(0, '127.0.0.1', r));
    destBase = `http://127.0.0.1:${(dest.address() as AddressInfo).port}`;
    qstash = await startQstash({ port: 0, token: 'qs-token', currentSigningKey: 'sig_current_1', nextSigningKey: 'sig_next_1', retryBaseMs: 30 });
    client = new Client({ baseUrl: qstash.url, token: qstash.token, retry: false });
    receiver = new Receiver({ currentSigningKey: qstash.currentSigningKey, nextSigningKey: qstash.nextSigningKey });
  });
  afterAll(async () => {
    await qstash?.stop();
    dest.closeAllConnections();
    await new Promise((r) => dest.close(r));
  });

  it('publishes with the real Client and delivers a signed request the Receiver verifies', async () => {
    const { messageId } = await client.publishJSON({ url: `${destBase}/jobs/ok`, body: { hello: 'world' }, headers: { 'x-custom': 'abc' } });
    expect(messageId).toMatch(/^msg_/);
    await waitFor(() => received.some((r) => r.path === '/jobs/ok'));
    const got = received.find((r) => r.path === '/jobs/ok')!;
    expect(got.verified).toBe(true);
    expect(JSON.parse(got.body)).toEqual({ hello: 'world' });
    expect(got.headers['x-custom']).toBe('abc');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['upstash-message-id']).toBe(messageId);
    expect(got.headers['upstash-retried']).toBe('0');
    // A tampered body fails verification: the signature really covers it.
    await expect(receiver.verify({ signature: String(got.headers['upstash-signature']), body: '{"hello":"x"}' })).rejects.toThrow();
  });

  it('honours Upstash-Delay', async () => {
    const sent = Date.now();
    await client.publish({ url: `${destBase}/jobs/delayed`, body: 'x', delay: 1 });
    await waitFor(() => received.some((r) => r.path === '/jobs/delayed'), 4_000);
    expect(received.find((r) => r.path === '/jobs/delayed')!.at - sent).toBeGreaterThanOrEqual(950);
  });

  it('retries after a 500 with backoff, then succeeds', async () => {
    statusFor.set('/jobs/flaky', [500, 503]);
    await client.publish({ url: `${destBase}/jobs/flaky`, body: 'retry me', retries: 3 });
    await waitFor(() => received.filter((r) => r.path === '/jobs/flaky').length === 3);
    const attempts = received.filter((r) => r.path === '/jobs/flaky');
    expect(attempts.map((a) => a.headers['upstash-retried'])).toEqual(['0', '1', '2']);
    expect(attempts.every((a) => a.verified)).toBe(true);
    // Backoff base 30 ms, doubled per retry: at least 30 ms then 60 ms between attempts.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(29);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(59);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.filter((r) => r.path === '/jobs/flaky')).toHaveLength(3);
  });

  it('dead-letters a message after its last retry, readable through GET /v2/dlq', async () => {
    statusFor.set('/jobs/broken', [500, 500, 500]);
    const { messageId } = await client.publish({ url: `${destBase}/jobs/broken`, body: 'doomed', retries: 2 });
    await waitFor(() => qstash.deadLetters().some((m) => m.messageId === messageId));
    expect(received.filter((r) => r.path === '/jobs/broken')).toHaveLength(3);
    const { messages } = await client.dlq.listMessages();
    const dead = messages.find((m) => m.messageId === messageId)!;
    expect(dead).toMatchObject({ url: `${destBase}/jobs/broken`, body: 'doomed', responseStatus: 500, responseBody: 'answer', maxRetries: 2 });
    await client.dlq.delete(dead.dlqId);
    expect((await client.dlq.listMessages()).messages.some((m) => m.messageId === messageId)).toBe(false);
  });

  it('deduplicates by Upstash-Deduplication-Id', async () => {
    const a = await client.publish({ url: `${destBase}/jobs/dedup`, body: '1', deduplicationId: 'same' });
    const b = await client.publish({ url: `${destBase}/jobs/dedup`, body: '1', deduplicationId: 'same' });
    expect(b.messageId).toBe(a.messageId);
    expect(b.deduplicated).toBe(true);
    await waitFor(() => received.some((r) => r.path === '/jobs/dedup'));
    await new Promise((r) => setTimeout(r, 100));
    expect(received.filter((r) => r.path === '/jobs/dedup')).toHaveLength(1);
  });

  it('serves the signing keys to an authenticated caller and rejects bad input', async () => {
    const keys = await fetch(`${qstash.url}/v2/keys`, { headers: { authorization: `Bearer ${qstash.token}` } });
    expect(await keys.json()).toEqual({ current: 'sig_current_1', next: 'sig_next_1' });
    const wrong = await fetch(`${qstash.url}/v2/keys`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'Unauthorized' });
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${qstash.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${qstash.token}`, ...headers }, body: 'x' });
    for (const res of [
      await post('/v2/publish/not-a-url'),
      await post('/v2/publish/http://10.1.2.3/x'),
      await post(`/v2/publish/${destBase}/x`, { 'upstash-delay': 'soon' }),
      await post(`/v2/publish/${destBase}/x`, { 'upstash-retries': '-1' }),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });
});
