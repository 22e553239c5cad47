import type { MiddlewareHandler } from 'hono';
import { createLogger } from '@edge/shared/log';
import type { AppEnv } from '../../types';

/** Options of {@link requestContext}. */
export interface RequestContextOptions {
  /** Header a trusted proxy may set with an incoming id; it is kept when well-formed. */
  header?: string;
  /** Where log lines go (tests capture them). */
  sink?: (line: string) => void;
}

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (echoed as `x-request-id`) and a logger bound to it,
 * and logs one line per request with status and duration.
 */
export const requestContext = (options: RequestContextOptions = {}): MiddlewareHandler<AppEnv> => {
  const header = options.header ?? 'x-request-id';
  return async function requestContext(c, next) {
    const incoming = c.req.header(header);
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const log = createLogger({ requestId }, options.sink);
    c.set('requestId', requestId);
    c.set('log', log);
    const started = Date.now();
    await next();
    // A WebSocket upgrade's 101 carries immutable headers in workerd; it has no body to tag anyway.
    if (c.res.status !== 101) c.res.headers.set('x-request-id', requestId);
    log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started });
  };
};
