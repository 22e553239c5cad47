import { unstable_startWorker } from 'wrangler';
import { WRANGLER_CONFIG } from '../lib/paths';
import type { LocalStack } from '../stack/startLocalStack';
import { makeTestVars, type WorkerVars } from './makeTestVars';

/** Options of {@link startTestWorker}. */
export interface TestWorkerOptions {
  /** The Worker's variables; default `makeTestVars(stack)`. */
  vars?: WorkerVars;
  /** The stack the default variables point at. */
  stack?: Pick<LocalStack, 'vars'>;
  /** Another entry point (a test fixture) instead of the root wrangler.toml's `main`. */
  entrypoint?: string;
  /** A fixed port, for tests whose variables must name the Worker's own URL (PUBLIC_URL); default any free port. */
  port?: number;
  /** Expose `/__scheduled` to fire the cron handler (the budget bench). */
  testScheduled?: boolean;
}

/** A running Worker: its base URL (no trailing slash) and `stop()`. */
export interface TestWorker {
  url: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Runs the real Worker (the root wrangler.toml: its Durable Objects, assets and
 * compatibility settings) in workerd through wrangler's programmatic API, on a free loopback
 * port, with exactly `vars` as its variables: `.dev.vars` is NOT read, so tests do not depend
 * on a developer's local file. Durable Object storage is in memory.
 */
export async function startTestWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  const vars = options.vars ?? makeTestVars(options.stack);
  process.env.WRANGLER_SEND_METRICS = 'false';
  // Miniflare otherwise fetches Request.cf from workers.cloudflare.com: no network here.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  const worker = await unstable_startWorker({
    config: WRANGLER_CONFIG,
    ...(options.entrypoint && { entrypoint: options.entrypoint }),
    // A non-empty list of env files turns off the implicit .dev.vars; this one does not exist.
    envFiles: ['.env.test-worker-none'],
    bindings: Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    sendMetrics: false,
    dev: {
      server: { hostname: '127.0.0.1', port: options.port ?? 0 },
      // A port for a CPU profiler (bench/budget/profile.ts); off otherwise.
      inspector: process.env.TEST_WORKER_INSPECTOR_PORT ? { port: Number(process.env.TEST_WORKER_INSPECTOR_PORT) } : false,
      persist: false,
      watch: false,
      liveReload: false,
      logLevel: (process.env.TEST_WORKER_LOG_LEVEL as 'error') ?? 'error',
      remote: false,
      testScheduled: options.testScheduled ?? false,
    },
  });
  try {
    await worker.ready;
    const url = (await worker.url).origin;
    await warm(url);
    let stopped: Promise<void> | undefined;
    return {
      url,
      fetch: (path, init) => fetch(`${url}${path}`, init),
      stop: () => (stopped ??= worker.dispose()),
    };
  } catch (err) {
    await worker.dispose().catch(() => {});
    throw err;
  }
}

/**
 * workerd compiles the Worker and imports its keys on the first request, which can take longer
 * than a caller's deadline (Discord's endpoint probe allows 3 s). An unsigned interaction walks
 * the same path (routing, key import, signature check) and is refused with 401; the Worker is
 * ready once it has answered one.
 */
async function warm(url: string): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-signature-ed25519': '0'.repeat(128), 'x-signature-timestamp': '0' };
  for (let attempt = 0; ; attempt++) {
    try {
      await (await fetch(`${url}/interactions`, { method: 'POST', headers, body: '{"type":1}' })).arrayBuffer();
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
