import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createRestApp, InteractionStore, OAuthStore, RateLimiter } from '@edge/simulator/rest';
import { createDemoGuild, SimState, type DemoGuild, type SimApplication } from '@edge/simulator/state';

/** The simulator's REST API on a free loopback port, with an application and the demo guild. */
export interface SimRest {
  state: SimState;
  app: SimApplication;
  demo: DemoGuild;
  rateLimiter: RateLimiter;
  /** Base for `@discordjs/rest`'s `api` option / `DISCORD_API_BASE`. */
  api: string;
  close(): Promise<void>;
}

/** Starts the simulator's REST layer alone (module tests need no gateway). */
export async function startSimRest(members = 10): Promise<SimRest> {
  const state = new SimState();
  const app = state.applications.create({ seed: 'modules-test' });
  const demo = createDemoGuild(state, { seed: 1, members, botUserId: app.botUserId });
  const rateLimiter = new RateLimiter(1_000);
  const rest = createRestApp({
    state, rateLimiter, oauth: new OAuthStore(), interactions: new InteractionStore(),
    gatewayBotInfo: () => ({ url: 'ws://127.0.0.1:1', shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }),
    gatewayUrl: () => 'ws://127.0.0.1:1',
    userAgentViolations: [],
  } as never);
  // Clients URL-encode `@me` (%40), as startSimulator decodes it.
  const root = new Hono({ getPath: (req) => new URL(req.url).pathname.replace(/%40/gi, '@') }).route('/api/v10', rest as never);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    state, app, demo, rateLimiter, api: `http://127.0.0.1:${port}/api`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
