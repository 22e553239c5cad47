import { SignJWT, errors, jwtVerify } from 'jose';
import { HttpError } from '../errors';
import type { SessionUser } from './AuthEnv';
import { TTL } from './cookies';

const ISSUER = 'edge-admin';
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC key for a purpose, derived from SESSION_SECRET so access tokens and OAuth states
 * never verify as each other. Imported once per isolate: given raw bytes, jose imports a key on
 * every sign and verify, CPU spent on each API request.
 */
export function hmacKey(secret: string, purpose: 'access' | 'state'): Promise<CryptoKey> {
  const id = `${purpose}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(`${purpose}:${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    // A failed import must not stay cached for the isolate's lifetime.
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

/** Signs the 15-minute access JWT (HS256) for a session. */
export async function signAccessToken(secret: string, user: SessionUser, ttlSeconds: number = TTL.access): Promise<string> {
  return new SignJWT({ fam: user.familyId, t: Date.now() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience('access')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(await hmacKey(secret, 'access'));
}

/**
 * Verifies an access JWT. Expired → 401 `TokenExpired` (the client refreshes);
 * anything else wrong → 401 `InvalidToken`. Returns the user and the issue time (ms, for revocation checks).
 */
export async function verifyAccessToken(secret: string, token: string): Promise<SessionUser & { issuedMs: number }> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret, 'access'), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: 'access',
    });
    if (typeof payload.sub !== 'string' || typeof payload.fam !== 'string' || typeof payload.t !== 'number') {
      throw new HttpError(401, 'Invalid access token', { code: 'InvalidToken' });
    }
    return { id: payload.sub, familyId: payload.fam, issuedMs: payload.t };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof errors.JWTExpired) throw new HttpError(401, 'Access token has expired', { code: 'TokenExpired' });
    throw new HttpError(401, 'Invalid access token', { code: 'InvalidToken' });
  }
}
