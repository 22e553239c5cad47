import type { MiddlewareHandler } from 'hono';
import { readConfig } from '../../env';
import { HttpError } from '../../errors';
import type { AppEnv } from '../../types';

/**
 * Validates the Worker's variables before any route runs and names what is missing or
 * malformed, instead of failing somewhere deep in a handler.
 */
export const requireConfig = (): MiddlewareHandler<AppEnv> =>
  async function requireConfig(c, next) {
    const result = readConfig(c.env);
    if (!result.ok) {
      throw new HttpError(503, `Worker misconfigured: ${result.problems.join('; ')}`, {
        code: 'ConfigError',
        details: { problems: result.problems },
      });
    }
    c.set('config', result.config);
    await next();
  };
