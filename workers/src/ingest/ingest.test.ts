import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { onError } from '../errors';
import { createLogger } from '@edge/shared/log';
import { sqliteExec } from '../lib/testing/sqliteExec';
import { requestContext } from '../middleware/request-context';
import type { ProcessableEvent } from '../platform/processing/ProcessableEvent';
import type { AppEnv } from '../types';
import { InboxCore } from './inbox/InboxCore';
import { createIngest } from './ingest';
const SECRET = 'test-shard-secret-0123456789';
const env = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
  UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1',
  UPSTASH_REDIS_REST_TOKEN: 't',
  QSTASH_URL: 'http://127.0.0.1:1',
  QSTASH_TOKEN: 't',
  QSTASH_CURRENT_SIGNING_KEY: 'k',
  QSTASH_NEXT_SIGNING_KEY: 'k',
  DISCORD_APPLICATION_ID: '1',
  DISCORD_PUBLIC_KEY: 'a'.repeat(64),
  DISCORD_BOT_TOKEN: 'bot',
  DISCORD_CLIENT_ID: '1',
  DISCORD_CLIENT_SECRET: 's',
  SHARD_SECRET: SECRET,
  SESSION_SECRET: 's'.repeat(32),
  TOKEN_ENCRYPTION_KEY: 'b'.repeat(64),
  PUBLIC_URL: 'http://localhost:8787',
};

let sql: ReturnType<typeof sqliteExec>;
let inbox: InboxCore;
const delivered: ProcessableEvent[] = [];
const logLines: string[] = [];
let app: Hono<AppEnv>;
/** Set to make the inbox fail like a broken Durable Object. */
let broken: Error | undefined;

const sign = (body: string, ts = Date.now(), secret = SECRET) => ({
  'x-shard-timestamp': String(ts),
  'x-shard-signature': `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
});
const batch = (ids: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ batchId: `b-${ids.join('-')}`, events: ids.map((id) => ({ id, type: 'MESSAGE_CREATE', guildId: '123', receivedAt: 1, payload: { id } })), ...extra });
const post = (body: string, headers: Record<string, string>) =>
  app.request('/ingest', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }, env);
/** Events the inbox holds for delivery (its batch rows), in arrival order. */
const rows = () => sql.exec<{ events: string }>('SELECT events FROM batches ORDER BY seq').toArray()
  .flatMap((b) => JSON.parse(b.events) as { id: string; payload: unknown }[]);
/** Event ids the inbox holds (guild-less ones included: kept for de-duplication). */
const count = () => sql.exec<{ ids: string }>('SELECT ids FROM batches').toArray().reduce((n, b) => n + (JSON.parse(b.ids) as string[]).length, 0);

beforeEach(() => {
  sql = sqliteExec();
  delivered.length = 0;
  logLines.length = 0;
  broken = undefined;
  inbox = new InboxCore({
    sql, isHeavy: () => false, retentionMs: 3_600_000, log: createLogger({}, () => {}), setAside: async () => {},
    hub: () => ({ processEvents: async (events) => (delivered.push(...events), { processed: events.length, failed: [] }) }),
  });
  app = new Hono<AppEnv>();
  app.use('*', requestContext({ sink: (l) => void logLines.push(l) }));
  app.route('/ingest', createIngest({
    inbox: () => ({
      accept: async (nonce, body) => {
        if (broken) throw broken;
        return inbox.accept(nonce, body);
      },
    }),
  }));
  app.onError(onError);
});

describe('POST /ingest', () => {
  it('stores a signed batch and acks every id; a re-sent batch is a no-op, delivered once', async () => {
    const body = batch(['e1', 'e2', 'e2']);
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ batchId: 'b-e1-e2-e2', acked: ['e1', 'e2'] });
    expect(count()).toBe(2);
    // Nothing is processed in the request: the inbox delivers on its own run (the alarm).
    expect(delivered).toEqual([]);
    await inbox.deliver();
    expect(delivered.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    // The shard's retry: same batch, new signature.
    const again = await post(body, sign(body, Date.now() + 1));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { acked: string[] }).acked).toEqual(['e1', 'e2']);
    expect(count()).toBe(2);
    await inbox.deliver();
    expect(delivered).toHaveLength(2);
  });

  it('refuses forged, stale, unsigned and replayed requests with 401 and stores nothing from them', async () => {
    const body = batch(['f1']);
    const forged = await post(body, sign(body, Date.now(), 'another-secret-0123456789'));
    expect(forged.status).toBe(401);
    const stale = await post(body, sign(body, Date.now() - 6 * 60_000));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { message: string }).message).toMatch(/stale/);
    const unsigned = await post(body, {});
    expect(unsigned.status).toBe(401);
    const tampered = await post(body.replace('f1', 'f2'), sign(body));
    expect(tampered.status).toBe(401);
    expect(count()).toBe(0);
    const headers = sign(body);
    expect((await post(body, headers)).status).toBe(200);
    sql.exec('DELETE FROM batches');
    const replay = await post(body, headers);
    expect(replay.status).toBe(401);
    const json = (await replay.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'ReplayedRequest', path: '/ingest' });
    expect(json.requestId).toBeTypeOf('string');
    expect(count()).toBe(0);
  });

  it('refuses a replay whose signature is only upper-cased (the nonce is the normalized MAC)', async () => {
    const body = batch(['u1']);
    const headers = sign(body);
    expect((await post(body, headers)).status).toBe(200);
    const upper = { ...headers, 'x-shard-signature': `v1=${headers['x-shard-signature'].slice(3).toUpperCase()}` };
    const replay = await post(body, upper);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('ReplayedRequest');
  });

  it('answers 413 for a body over the limit, before any signature work', async () => {
    const res = await app.request('/ingest', { method: 'POST', body: 'x', headers: { 'content-length': String(5 * 1024 * 1024) } }, env);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('BatchTooLarge');
  });

  it('an inbox failure is a 500 the shard retries, logged without message contents', async () => {
    const secret = 'a member wrote this private message';
    const body = JSON.stringify({ batchId: 'b-doerr', events: [{ id: 'doerr-1', type: 'MESSAGE_CREATE', guildId: '123', receivedAt: 1, payload: { content: secret } }] });
    broken = new Error('Durable Object reset because its code was updated.');
    const res = await post(body, sign(body));
    expect(res.status).toBe(500);
    const errors = logLines.filter((l) => l.includes('"level":"error"'));
    expect(errors.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(secret);
    expect(count()).toBe(0);
    // The shard's retry, once the inbox is back, stores it.
    broken = undefined;
    expect((await post(body, sign(body, Date.now() + 1))).status).toBe(200);
    expect(count()).toBe(1);
  });

  it('refuses malformed batches with 400 in the standard error shape', async () => {
    for (const body of ['not json', '{}', JSON.stringify({ batchId: 'x', events: [] }), batch(['a'], { events: [{ id: 'a', type: 'lower', guildId: 'x', payload: 1 }] })]) {
      const res = await post(body, sign(body));
      expect(res.status).toBe(400);
      const json = (await res.json()) as Record<string, unknown>;
      expect(json).toMatchObject({ statusCode: 400, error: 'Bad Request', path: '/ingest' });
      expect(json.timestamp).toBeTypeOf('string');
    }
    expect(count()).toBe(0);
    expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n).toBe(0);
  });

  it('keeps payloads with NUL characters, as U+FFFD', async () => {
    const body = JSON.stringify({ batchId: 'nul', events: [{ id: 'n1', type: 'MESSAGE_CREATE', guildId: null, payload: { content: 'a\u0000b', raw: '\\u0000' } }] });
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(count()).toBe(1);
    const body2 = JSON.stringify({ batchId: 'nul2', events: [{ id: 'n2', type: 'MESSAGE_CREATE', guildId: '123', payload: { content: 'a\u0000b', raw: '\\u0000' } }] });
    expect((await post(body2, sign(body2))).status).toBe(200);
    expect(rows()[0]!.payload).toEqual({ content: 'a\ufffdb', raw: '\\u0000' });
  });

  it('a lone surrogate in a message ("\\ud800") does not block the batch: it is stored and delivered as U+FFFD with the rest', async () => {
    const body = JSON.stringify({ batchId: 'sur', events: [
      { id: 's1', type: 'MESSAGE_CREATE', guildId: '123', payload: { content: 'bad \ud800 half', author: { username: 'x\udfff' } } },
      { id: 's2', type: 'MESSAGE_CREATE', guildId: '123', payload: { content: 'fine 😀' } },
    ] });
    expect(body).toContain('\\ud800');
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { acked: string[] }).acked).toEqual(['s1', 's2']);
    expect(rows().map((r) => r.payload)).toEqual([{ content: 'bad \ufffd half', author: { username: 'x\ufffd' } }, { content: 'fine 😀' }]);
    await inbox.deliver();
    expect(delivered.find((e) => e.eventId === 's1')!.payload).toEqual({ content: 'bad \ufffd half', author: { username: 'x\ufffd' } });
  });
});
