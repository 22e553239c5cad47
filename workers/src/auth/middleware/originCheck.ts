import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../../errors';
import type { AuthEnv } from '../AuthEnv';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 403 `BadOrigin` unless `origin` is exactly `PUBLIC_URL`'s origin. */
export function assertSameOrigin(publicUrl: string, origin: string | undefined): void {
  const expected = new URL(publicUrl).origin;
  if (origin !== expected) throw new HttpError(403, `Cross-origin request refused: Origin must be ${expected}`, { code: 'BadOrigin' });
}

/**
 * CSRF defence beside `SameSite=Lax`: every mutating request must carry an `Origin` equal to
 * `PUBLIC_URL`'s origin (browsers always send it on non-GET fetches) → else 403 `BadOrigin`.
 */
export const originCheck = (): MiddlewareHandler<AuthEnv> =>
  async function originCheck(c, next) {
    if (!SAFE.has(c.req.method)) assertSameOrigin(c.var.config.PUBLIC_URL, c.req.header('origin'));
    await next();
  };
