import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '@edge/shared/protocol';
import { Batcher, type BatcherOptions } from './Batcher';
import { Delivery } from './Delivery';
import { createLogger } from '@edge/shared/log';
import { Metrics } from './Metrics';
import { Spool } from './Spool';

const SECRET = 'batcher-test-secret-0123';
type Handler = (batch: { batchId: string; events: { id: string; type: string }[] }, attempt: number) => { status: number; headers?: Record<string, string> } | null;

/** A stand-in ingest endpoint that checks signatures with the Worker's own verifier. */
async function fakeWorker(handler: Handler, port = 0) {
  const received: { ids: string[]; at: number }[] = [];
  let attempt = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => void (async () => {
      const problem = await verifySignature(SECRET, req.headers['x-shard-timestamp'] as string, req.headers['x-shard-signature'] as string, body);
      if (problem) return res.writeHead(401).end(problem);
      const batch = JSON.parse(body);
      const out = handler(batch, ++attempt);
      if (out) return res.writeHead(out.status, out.headers).end('{}');
      received.push({ ids: batch.events.map((e: { id: string }) => e.id), at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ batchId: batch.batchId, acked: batch.events.map((e: { id: string }) => e.id) }));
    })().catch((err: unknown) => {
      // An exception would otherwise leave the request hanging and the rejection unhandled.
      console.error(err);
      res.destroy();
    }));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { server, received, port: (server.address() as AddressInfo).port };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(port: number, options: Partial<BatcherOptions> = {}) {
  const spool = new Spool(':memory:');
  const metrics = new Metrics({ defaults: false });
  const log = createLogger({}, () => {});
  const delivery = new Delivery({ workerUrl: `http://127.0.0.1:${port}`, secret: SECRET, retryMaxMs: 200, retryBaseMs: 20, log, metrics });
  const batcher = new Batcher(spool, delivery, { maxEvents: 100, maxWaitMs: 5_000, priorityWaitMs: 0, concurrency: 2, ...options }, metrics, log);
  cleanups.push(() => batcher.stop(), () => spool.close());
  let n = 0;
  const add = (count: number, priority = false, type = 'MESSAGE_CREATE') => {
    for (let i = 0; i < count; i++) {
      n++;
      spool.store({ eventId: `E:${n}`, shardId: 0, type, guildId: '1', payload: `{"n":${n}}`, priority, receivedAt: Date.now() }, null);
      batcher.notify(priority);
    }
  };
  return { spool, batcher, metrics, add };
}

describe('Batcher and Delivery', () => {
  it('sends full batches at once, the rest after the wait, and deletes only acked rows', async () => {
    const w = await fakeWorker(() => null);
    cleanups.push(() => w.server.close());
    // A wait long enough that a loaded machine cannot blur "at once" and "after the wait".
    const { spool, batcher, add } = setup(w.port, { maxWaitMs: 2_000 });
    const started = Date.now();
    add(250);
    await expect.poll(() => w.received.length, { timeout: 10_000 }).toBe(3);
    expect(w.received.map((b) => b.ids.length)).toEqual([100, 100, 50]);
    expect(w.received[2]!.at - started).toBeGreaterThanOrEqual(1_950);
    expect(w.received[1]!.at - started).toBeLessThan(1_950);
    await expect.poll(() => spool.depth).toBe(0);
    expect(batcher.lastAckAt).not.toBeNull();
  });

  it('flushes the priority lane at once', async () => {
    const w = await fakeWorker(() => null);
    cleanups.push(() => w.server.close());
    const { add } = setup(w.port);
    add(5);
    add(1, true, 'AUTO_MODERATION_ACTION_EXECUTION');
    await expect.poll(() => w.received.length, { timeout: 1_000 }).toBe(1);
    expect(w.received[0]!.ids).toEqual(['E:6']);
  });

  it('sends a raid of priority events in slices of priorityMaxEvents, one slice at a time, in order', async () => {
    const w = await fakeWorker(() => null);
    cleanups.push(() => w.server.close());
    const { add, spool } = setup(w.port, { priorityMaxEvents: 20, priorityWaitMs: 50, concurrency: 2 });
    add(60, true, 'GUILD_MEMBER_ADD');
    await expect.poll(() => spool.depth, { timeout: 5_000 }).toBe(0);
    expect(w.received.length).toBeGreaterThanOrEqual(3);
    expect(w.received.every((b) => b.ids.length <= 20)).toBe(true);
    expect(w.received.flatMap((b) => b.ids)).toEqual(Array.from({ length: 60 }, (_, i) => `E:${i + 1}`));
  });

  it('retries 5xx and honours 429 Retry-After, then acks', async () => {
    const w = await fakeWorker((_b, attempt) => (attempt === 1 ? { status: 503 } : attempt === 2 ? { status: 429, headers: { 'retry-after': '1' } } : null));
    cleanups.push(() => w.server.close());
    const { spool, add, metrics } = setup(w.port, { maxWaitMs: 50 });
    const started = Date.now();
    add(3);
    await expect.poll(() => spool.depth, { timeout: 5_000 }).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(w.received).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/shard_delivery_failures_total\{status="429"\} 1/);
    expect(text).toMatch(/shard_events_forwarded_total\{type="MESSAGE_CREATE"\} 3/);
  });

  it('isolates and drops (with a metric) only an event the Worker refuses', async () => {
    const w = await fakeWorker((b) => (b.events.some((e) => e.id === 'E:3') ? { status: 400 } : null));
    cleanups.push(() => w.server.close());
    const { spool, add, metrics } = setup(w.port, { maxWaitMs: 0 });
    add(6);
    await expect.poll(() => spool.depth, { timeout: 5_000 }).toBe(0);
    expect(w.received.flatMap((b) => b.ids).sort()).toEqual(['E:1', 'E:2', 'E:4', 'E:5', 'E:6']);
    expect(await metrics.registry.metrics()).toMatch(/shard_events_dropped_total\{type="MESSAGE_CREATE",reason="rejected"\} 1/);
  });

  it('keeps everything while the Worker is down and drains when it is back', async () => {
    const probe = await fakeWorker(() => null);
    const port = probe.port;
    await new Promise((r) => probe.server.close(r));
    const { spool, add, batcher } = setup(port, { maxWaitMs: 0 });
    add(300);
    await new Promise((r) => setTimeout(r, 500));
    add(200);
    expect(spool.depth).toBe(500);
    const w = await fakeWorker(() => null, port);
    cleanups.push(() => w.server.close());
    expect(await batcher.drain(10_000)).toBe(true);
    expect(spool.depth).toBe(0);
    const ids = w.received.flatMap((b) => b.ids);
    expect(new Set(ids).size).toBe(500);
  });
});
