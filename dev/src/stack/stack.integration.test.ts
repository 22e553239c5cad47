import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVars } from '../testing/makeTestVars';
import { startTestWorker, type TestWorker } from '../testing/startTestWorker';
import { startLocalStack, type LocalStack } from './startLocalStack';

const FIXTURE = fileURLToPath(new URL('../../test-fixtures/dbWorker.ts', import.meta.url));

const targets: [string, { databaseUrl?: string; redisUrl?: string }][] = [['embedded defaults', {}]];
if (process.env.TEST_DATABASE_URL || process.env.TEST_REDIS_URL) {
  targets.push(['TEST_DATABASE_URL / TEST_REDIS_URL', { databaseUrl: process.env.TEST_DATABASE_URL, redisUrl: process.env.TEST_REDIS_URL }]);
}

describe.each(targets)('the Worker on the local stack (%s)', (_name, backends) => {
  let stack: LocalStack;
  let worker: TestWorker;

  beforeAll(async () => {
    stack = await startLocalStack({ ...backends, qstashRetryBaseMs: 20 });
    worker = await startTestWorker({ vars: makeTestVars(stack), entrypoint: FIXTURE });
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
  });

  it('applied the migrations (tables exist, re-running is a no-op)', async () => {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['guilds', 'users', 'sessions', 'events']));
    } finally {
      await client.end();
    }
  });

  it('round-trips Worker → Neon driver → proxy → Postgres, with a committed and a rolled-back transaction', async () => {
    const id = randomUUID();
    const res = await worker.fetch(`/api/__fixture/db?id=${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      inside: [{ id: `${id}-a`, memberCount: 42 }],
      rolledBack: true,
      after: [{ id: `${id}-a`, memberCount: 42 }],
    });
  });

  it('serves concurrent database requests (a Pool per request)', async () => {
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const bodies = await Promise.all(ids.map(async (id) => (await worker.fetch(`/api/__fixture/db?id=${id}`)).json()));
    expect(bodies.map((b) => (b as { after: { id: string }[] }).after.map((r) => r.id))).toEqual(ids.map((id) => [`${id}-a`]));
  });

  it('reports /health ok with postgres, redis and qstash up', async () => {
    const res = await worker.fetch('/health');
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; latencyMs: number }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    for (const name of ['postgres', 'redis', 'qstash']) expect(body.checks[name]).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('/health when something is wrong', () => {
  let stack: LocalStack;
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await stack?.stop();
  });

  it('answers 503 naming a missing or malformed variable', async () => {
    const w = await startTestWorker({ entrypoint: FIXTURE, vars: makeTestVars(stack, { SESSION_SECRET: undefined, TOKEN_ENCRYPTION_KEY: 'xyz' }) });
    workers.push(w);
    const res = await w.fetch('/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { config: { problems: string[] } };
    expect(body.config.problems.join('\n')).toMatch(/SESSION_SECRET/);
    expect(body.config.problems.join('\n')).toMatch(/TOKEN_ENCRYPTION_KEY/);
  });

  it('answers 503 naming the dependency that is down', async () => {
    // A QStash token the endpoint refuses, and a Redis endpoint where nothing listens.
    const w = await startTestWorker({ entrypoint: FIXTURE, vars: makeTestVars(stack, { QSTASH_TOKEN: 'wrong-token', UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9' }) });
    workers.push(w);
    const res = await w.fetch('/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
    expect(body.status).toBe('degraded');
    expect(body.checks.postgres!.ok).toBe(true);
    expect(body.checks.redis!.ok).toBe(false);
    expect(body.checks.qstash).toMatchObject({ ok: false, error: expect.stringContaining('401') });
  });
});
