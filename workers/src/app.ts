import { Hono } from 'hono';
import { errorResponse, onError } from './errors';
import { createApiRoutes } from './api/apiRoutes';
import { createAuthRoutes } from './auth/authRoutes';
import type { RateLimitTiers } from './auth/middleware/rateLimit';
import { health } from './health/health';
import { createIngest, type IngestOptions } from './ingest/ingest';
import { shardConnect } from './ingest/shardConnect';
import type { InteractionOptions } from './interactions/InteractionServices';
import { createInteractionsRoute } from './interactions/interactionsRoute';
import { createJobsRoute, type JobsOptions } from './jobs/jobsRoute';
import { countUsage } from './lib/usage';
import { withDiscordReads } from './lib/discordCache';
import { withRequestRest } from './api/discord/botRest';
import { withRequestRedis } from './lib/redis';
import { flushUsage } from './lib/meterClient';
import { requestContext, type RequestContextOptions } from './middleware/request-context';
import type { AppEnv } from './types';

/** Options of {@link createApp}; tests pass a log sink. */
export interface AppOptions {
  log?: RequestContextOptions['sink'];
  /** Modules and swappable services of `POST /interactions` (tests, the bench). */
  interactions?: InteractionOptions;
  /** Jobs and webhook client of `POST /jobs/:name` (tests). */
  jobs?: JobsOptions;
  /** `POST /ingest`'s inbox (tests pass an in-process one). */
  ingest?: IngestOptions;
  /** Rate-limit tiers of `/auth` and `/api` (tests raise them); default seed 004's. */
  rateLimits?: RateLimitTiers;
}

/**
 * Builds the Worker's Hono app. Each area is a sub-app joined with `app.route()`;
 * everything after `requestContext` has a request id and a logger.
 */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    countUsage('workerRequests');
    await withRequestRest(() => withRequestRedis(() => withDiscordReads(next)));
    flushUsage(c.env, waitUntilOf(c));
  });
  app.use('*', requestContext({ sink: options.log }));
  app.route('/health', health);
  app.route('/interactions', createInteractionsRoute(options.interactions));
  app.route('/jobs', createJobsRoute(options.jobs));
  app.route('/ingest', createIngest(options.ingest));
  app.route('/shard', shardConnect);
  app.route('/auth', createAuthRoutes(options.rateLimits));
  app.route('/api', createApiRoutes(options.rateLimits));
  app.notFound((c) => errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError(onError);
  return app;
}

/** `executionCtx.waitUntil`, or nothing where there is no execution context (`app.request()` in tests): the counts then wait for the next flush. */
function waitUntilOf(c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }): (p: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return () => {};
  }
}
