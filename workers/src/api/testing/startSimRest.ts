import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createRestApp, InteractionStore, OAuthStore, RateLimiter, type SimServices } from '@edge/simulator/rest';
import { SimState } from '@edge/simulator/state';

/** The simulator's REST API on a free loopback port, with its state for assertions. */
export interface SimRest {
  /** `http://127.0.0.1:PORT/api` (the Worker's DISCORD_API_BASE). */
  apiBase: string;
  services: SimServices;
  stop(): Promise<void>;
}

/**
 * Serves the Discord simulator's REST app (`/api/v10`) in this process, so tests can read and
 * change its state directly. (Built from the simulator's parts; `startSimulator()` adds the
 * gateway and consent page, which these tests do not need.)
 */
export async function startSimRest(): Promise<SimRest> {
  const state = new SimState();
  const services: SimServices = {
    state,
    rateLimiter: new RateLimiter(10_000, 1_000),
    oauth: new OAuthStore(),
    interactions: new InteractionStore(),
    gatewayBotInfo: () => ({ url: 'ws://127.0.0.1:1', shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }),
    gatewayUrl: () => 'ws://127.0.0.1:1',
    userAgentViolations: [],
  };
  // Clients URL-encode `@me` (%40), as startSimulator decodes it.
  const root = new Hono({ getPath: (req) => new URL(req.url).pathname.replace(/%40/gi, '@') }).route('/api/v10', createRestApp(services));
  const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    apiBase: `http://127.0.0.1:${port}/api`,
    services,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
