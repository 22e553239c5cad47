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
      inspector: false,
      persist: false,
      watch: false,
      liveReload: false,
      logLevel: 'error',
      remote: false,
    },
  });
  try {
    await worker.ready;
    const url = (await worker.url).origin;
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
