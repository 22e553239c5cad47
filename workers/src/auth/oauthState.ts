import { SignJWT, jwtVerify } from 'jose';
import { HttpError } from '../errors';
import { hmacKey } from './accessToken';
import { TTL } from './cookies';
import { hashToken, randomToken } from './crypto/hashToken';

/** A freshly minted state: `state` goes to Discord, `nonce` into the browser's cookie. */
export interface MintedState {
  state: string;
  nonce: string;
}

/**
 * Mints the OAuth `state`: a 10-minute HS256 JWT carrying the post-login path and the
 * SHA-256 of a nonce that only this browser holds (cookie), so a state cannot be used by
 * another browser (login CSRF), and a unique id so it cannot be used twice.
 */
export async function mintState(secret: string, redirect: string): Promise<MintedState> {
  const nonce = randomToken();
  const state = await new SignJWT({ n: await hashToken(nonce), r: redirect })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('oauth-state')
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TTL.oauthState)
    .sign(await hmacKey(secret, 'state'));
  return { state, nonce };
}

/**
 * Checks a returned state against the browser's nonce. `markUsed(jti)` must return false when
 * the id was already consumed (replay). Every failure is 400 `InvalidState`.
 */
export async function verifyState(
  secret: string,
  state: string | undefined,
  nonce: string | undefined,
  markUsed: (jti: string) => Promise<boolean>,
): Promise<{ redirect: string }> {
  const fail = (why: string) => new HttpError(400, `Invalid OAuth state: ${why}; start again from /auth/login`, { code: 'InvalidState' });
  if (!state) throw fail('missing');
  if (!nonce) throw fail('no login in progress in this browser');
  let payload;
  try {
    ({ payload } = await jwtVerify(state, await hmacKey(secret, 'state'), { algorithms: ['HS256'], audience: 'oauth-state' }));
  } catch {
    throw fail('bad signature or expired');
  }
  if (payload.n !== (await hashToken(nonce))) throw fail('issued to another browser');
  if (typeof payload.jti !== 'string' || !(await markUsed(payload.jti))) throw fail('already used');
  return { redirect: typeof payload.r === 'string' ? payload.r : '/' };
}

/** Characters browsers strip or reinterpret in a URL (controls, backslash), which turn `/\t/evil` into `//evil`. */
const hasUnsafeChar = (s: string) => [...s].some((ch) => ch.charCodeAt(0) <= 0x1f || ch === '\u007f' || ch === '\\');
const BASE = 'http://same-origin.invalid';

/**
 * Keeps only same-origin paths as post-login redirects: anything with a control character, a
 * backslash, a scheme or a host (`//evil`, `/\t/evil`) falls back to `/`. The answer is the
 * path as the URL parser normalises it, so what the browser follows is what was checked.
 */
export function safeRedirect(raw: string | undefined): string {
  if (!raw || raw.length > 512 || !raw.startsWith('/') || raw.startsWith('//') || hasUnsafeChar(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
