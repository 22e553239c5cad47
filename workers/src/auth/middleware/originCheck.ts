import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../../errors';
import type { AuthEnv } from '../AuthEnv';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside `SameSite=Lax`: every mutating request must carry an `Origin` equal to
 * `PUBLIC_URL`'s origin (browsers always send it on non-GET fetches) → else 403 `BadOrigin`.
 */
export const originCheck = (): MiddlewareHandler<AuthEnv> =>
  async function originCheck(c, next) {
    if (!SAFE.has(c.req.method)) {
      const expected = new URL(c.var.config.PUBLIC_URL).origin;
      const origin = c.req.header('origin');
      if (origin !== expected) {
        throw new HttpError(403, `Cross-origin request refused: Origin must be ${expected}`, { code: 'BadOrigin' });
      }
    }
    await next();
  };
