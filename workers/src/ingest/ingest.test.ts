import { createHmac } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onError } from '../errors';
import { requestContext } from '../middleware/request-context';
import type { AppEnv } from '../types';
import { createIngest } from './ingest';
import type { StoredEvent } from './storeBatch';

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

let pg: PGlite;
let db: ReturnType<typeof drizzle>;
const stored: StoredEvent[][] = [];
const logLines: string[] = [];
let app: Hono<AppEnv>;
/** Event ids whose insert into `events` the database refuses (a stand-in for any value Postgres cannot hold). */
const refused = new Set<string>();
const dialect = new PgDialect();

const sign = (body: string, ts = Date.now(), secret = SECRET) => ({
  'x-shard-timestamp': String(ts),
  'x-shard-signature': `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
});
const batch = (ids: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ batchId: `b-${ids.join('-')}`, events: ids.map((id) => ({ id, type: 'MESSAGE_CREATE', guildId: '123', receivedAt: 1, payload: { id } })), ...extra });
const post = (body: string, headers: Record<string, string>) =>
  app.request('/ingest', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }, env);
const count = async () => Number(((await db.execute(sql`select count(*)::int as n from events`)).rows[0] as { n: number }).n);

beforeAll(async () => {
  pg = new PGlite();
  db = drizzle(pg);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  app = new Hono<AppEnv>();
  app.use('*', requestContext({ sink: (l) => void logLines.push(l) }));
  const guarded = {
    execute: (query: SQL) => {
      const q = dialect.sqlToQuery(query);
      if (q.sql.includes('INSERT INTO events') && [...refused].some((id) => q.params.some((p) => String(p).includes(`"${id}"`)))) {
        return Promise.reject(new Error('invalid input syntax for type json'));
      }
      return db.execute(query);
    },
  };
  app.route('/ingest', createIngest({ withDb: (_c, fn) => fn(guarded), onStored: async (events) => void stored.push(events) }));
  app.onError(onError);
}, 60_000);
afterAll(async () => {
  await pg?.close();
});
beforeEach(async () => {
  await db.execute(sql`truncate events, ingest_nonces, dead_letters`);
  stored.length = 0;
  refused.clear();
});

describe('POST /ingest', () => {
  it('stores a signed batch and acks every id; a re-sent batch is a no-op', async () => {
    const body = batch(['e1', 'e2', 'e2']);
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ batchId: 'b-e1-e2-e2', acked: ['e1', 'e2'] });
    expect(await count()).toBe(2);
    expect(stored[0]!.map((e) => e.eventId).sort()).toEqual(['e1', 'e2']);
    // The shard's retry: same batch, new signature.
    const again = await post(body, sign(body, Date.now() + 1));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { acked: string[] }).acked).toEqual(['e1', 'e2']);
    expect(await count()).toBe(2);
    expect(stored).toHaveLength(1);
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
    expect(await count()).toBe(0);
    const headers = sign(body);
    expect((await post(body, headers)).status).toBe(200);
    await db.execute(sql`delete from events`);
    const replay = await post(body, headers);
    expect(replay.status).toBe(401);
    const json = (await replay.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'ReplayedRequest', path: '/ingest' });
    expect(json.requestId).toBeTypeOf('string');
    expect(await count()).toBe(0);
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

  it('logs a database failure by class and code only: no query parameters, no message contents', async () => {
    const secret = 'a member wrote this private message';
    const body = JSON.stringify({ batchId: 'b-dberr', events: [{ id: 'dberr-1', type: 'MESSAGE_CREATE', guildId: '123', receivedAt: 1, payload: { content: secret } }] });
    // Neither the events nor the dead letters can take it: the request fails with the database error.
    await db.execute(sql`alter table events rename to events_gone`);
    await db.execute(sql`alter table dead_letters rename to dead_letters_gone`);
    try {
      logLines.length = 0;
      const res = await post(body, sign(body));
      expect(res.status).toBe(500);
    } finally {
      await db.execute(sql`alter table events_gone rename to events`);
      await db.execute(sql`alter table dead_letters_gone rename to dead_letters`);
    }
    const errors = logLines.filter((l) => l.includes('"level":"error"'));
    expect(errors.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(secret);
    expect(logLines.join('\n')).not.toMatch(/params:|INSERT INTO/i);
    expect(errors.join('\n')).toMatch(/DrizzleQueryError|42P01/);
  });

  it('refuses malformed batches with 400 in the standard error shape', async () => {
    for (const body of ['not json', '{}', JSON.stringify({ batchId: 'x', events: [] }), batch(['a'], { events: [{ id: 'a', type: 'lower', guildId: 'x', payload: 1 }] })]) {
      const res = await post(body, sign(body));
      expect(res.status).toBe(400);
      const json = (await res.json()) as Record<string, unknown>;
      expect(json).toMatchObject({ statusCode: 400, error: 'Bad Request', path: '/ingest' });
      expect(json.timestamp).toBeTypeOf('string');
    }
    expect(await count()).toBe(0);
    expect(Number(((await db.execute(sql`select count(*)::int as n from ingest_nonces`)).rows[0] as { n: number }).n)).toBe(0);
  });

  it('keeps payloads with NUL characters instead of failing the batch', async () => {
    const body = JSON.stringify({ batchId: 'nul', events: [{ id: 'n1', type: 'MESSAGE_CREATE', guildId: null, payload: { content: 'a\u0000b', raw: '\\u0000' } }] });
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    const row = (await db.execute(sql`select payload from events where event_id = 'n1'`)).rows[0] as { payload: { content: string; raw: string } };
    expect(row.payload).toEqual({ content: 'a\ufffdb', raw: '\\u0000' });
  });

  it('a lone surrogate in a message ("\\ud800") does not block the batch: it is stored as U+FFFD with the rest', async () => {
    const body = JSON.stringify({ batchId: 'sur', events: [
      { id: 's1', type: 'MESSAGE_CREATE', guildId: '123', payload: { content: 'bad \ud800 half', author: { username: 'x\udfff' } } },
      { id: 's2', type: 'MESSAGE_CREATE', guildId: '123', payload: { content: 'fine 😀' } },
    ] });
    expect(body).toContain('\\ud800');
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { acked: string[] }).acked).toEqual(['s1', 's2']);
    const rows = (await db.execute(sql`select event_id, payload from events order by event_id`)).rows as { event_id: string; payload: Record<string, unknown> }[];
    expect(rows.map((r) => r.payload)).toEqual([{ content: 'bad \ufffd half', author: { username: 'x\ufffd' } }, { content: 'fine 😀' }]);
    expect(stored[0]!.find((e) => e.eventId === 's1')!.payload).toEqual({ content: 'bad \ufffd half', author: { username: 'x\ufffd' } });
  });

  it('splits a batch the database keeps refusing down to the single event, sets that one aside in dead_letters and acks every id', async () => {
    refused.add('p3');
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const body = batch(ids);
    const res = await post(body, sign(body));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { acked: string[] }).acked).toEqual(ids);
    expect(await count()).toBe(4);
    expect(stored.flat().map((e) => e.eventId).sort()).toEqual(['p1', 'p2', 'p4', 'p5']);
    const dead = (await db.execute(sql`select event_id, type, stage, error, payload from dead_letters`)).rows as Record<string, string>[];
    expect(dead).toEqual([{ event_id: 'p3', type: 'MESSAGE_CREATE', stage: 'store', error: 'Error: invalid input syntax for type json', payload: '{"id":"p3"}' }]);
    // The shard's retry of the same batch stores nothing twice and sets nothing aside twice.
    const again = await post(body, sign(body, Date.now() + 1));
    expect(again.status).toBe(200);
    expect(await count()).toBe(4);
    expect(Number(((await db.execute(sql`select count(*)::int as n from dead_letters`)).rows[0] as { n: number }).n)).toBe(1);
  });
});
