import type { Config } from '../env';
import { countDeadLetters } from '../ingest/deadLetters';
import { withDb } from '../lib/db';
import { getRedis } from '../lib/redis';

/** Outcome of one dependency check. */
export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

const TIMEOUT_MS = 5_000;

async function timed(fn: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a real query through the Neon driver: the number of events set aside (dead letters)
 * not retried yet, which `/health` reports (a pipeline that sets events aside is not silent).
 */
export async function checkPostgres(config: Config): Promise<CheckResult & { deadLetters?: number }> {
  let deadLetters: number | undefined;
  const result = await timed(() => withDb(config, async (db) => void (deadLetters = await countDeadLetters(db))));
  return deadLetters === undefined ? result : { ...result, deadLetters };
}

/** Sends a PING through the Upstash REST client. */
export const checkRedis = (config: Config) =>
  timed(async () => {
    const pong = await getRedis(config).ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING answer ${String(pong)}`);
  });

/** Makes an authenticated QStash API call (the signing keys), which fails on a wrong token. */
export const checkQstash = (config: Config) =>
  timed(async () => {
    const res = await fetch(new URL('/v2/keys', config.QSTASH_URL), { headers: { authorization: `Bearer ${config.QSTASH_TOKEN}` } });
    if (!res.ok) throw new Error(`QStash answered ${res.status}`);
    await res.body?.cancel();
  });
