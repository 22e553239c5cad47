import { Hono } from 'hono';
import { errorResponse, onError } from './errors';
import { health } from './health/health';
import { requestContext, type RequestContextOptions } from './middleware/request-context';
import type { AppEnv } from './types';

/** Options of {@link createApp}; tests pass a log sink. */
export interface AppOptions {
  log?: RequestContextOptions['sink'];
}

/**
 * Builds the Worker's Hono app. Each area is a sub-app joined with `app.route()`;
 * everything after `requestContext` has a request id and a logger.
 */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext({ sink: options.log }));
  app.route('/health', health);
  app.notFound((c) => errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError(onError);
  return app;
}
