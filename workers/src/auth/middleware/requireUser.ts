import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { verifyAccessToken } from '../accessToken';
import type { AuthEnv } from '../AuthEnv';
import { COOKIE } from '../cookies';
import { revocations } from '../revocations';
import { errorFields } from '../../lib/errorFields';

/**
 * Authenticates the request from the access cookie: none → 401 `Unauthenticated`, expired →
 * 401 `TokenExpired` (refresh and retry), bad or revoked → 401 `InvalidToken`. Sets `c.var.user`.
 */
export const requireUser = (): MiddlewareHandler<AuthEnv> =>
  async function requireUser(c, next) {
    const token = getCookie(c, COOKIE.access);
    if (!token) throw new HttpError(401, 'Log in first (/auth/login)', { code: 'Unauthenticated' });
    const claims = await verifyAccessToken(c.var.config.SESSION_SECRET, token);
    let revoked = false;
    try {
      revoked = await revocations.isRevoked(getRedis(c.var.config), claims.id, claims.familyId, claims.issuedMs);
    } catch (err) {
      // Redis down: the token's signature and expiry still hold; revocation is checked again by refresh.
      c.var.log.warn('revocation check unavailable', { ...errorFields(err) });
    }
    if (revoked) throw new HttpError(401, 'This session was revoked; log in again', { code: 'InvalidToken' });
    c.set('user', { id: claims.id, familyId: claims.familyId });
    await next();
  };
