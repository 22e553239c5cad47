import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../stack/startLocalStack';
import { makeTestVars } from './makeTestVars';
import { startTestWorker, type TestWorker } from './startTestWorker';

describe('startTestWorker with the real Worker (workers/src/index.ts)', () => {
  let stack: LocalStack;
  let worker: TestWorker;
  beforeAll(async () => {
    stack = await startLocalStack();
    worker = await startTestWorker({ vars: makeTestVars(stack) });
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
  });

  it('serves /health ok on the stack, with a request id', async () => {
    const res = await worker.fetch('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { postgres: { ok: true }, redis: { ok: true }, qstash: { ok: true } } });
  });

  it('stops cleanly: the port is closed afterwards', async () => {
    const w = await startTestWorker({ vars: makeTestVars(stack) });
    await w.stop();
    await expect(fetch(`${w.url}/health`)).rejects.toThrow();
  });
});
