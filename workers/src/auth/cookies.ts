import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** Cookie names (docs/API.md). */
export const COOKIE = { access: 'edge_at', refresh: 'edge_rt', oauth: 'edge_oauth' } as const;

/** Lifetimes in seconds. */
export const TTL = { access: 15 * 60, refresh: 7 * 24 * 3600, oauthState: 10 * 60 } as const;

const base = { httpOnly: true, secure: true, sameSite: 'Lax' } as const;

/** Sets the access and refresh cookies after login or refresh. */
export function setSessionCookies(c: Context, accessToken: string, refreshToken: string): void {
  // The cookie outlives its 15-minute token (as long as the refresh token): an expired token
  // still reaches the API, which answers `TokenExpired` so the dashboard refreshes, instead of
  // `Unauthenticated` (no cookie), which reads as "never logged in".
  setCookie(c, COOKIE.access, accessToken, { ...base, path: '/', maxAge: TTL.refresh });
  // The refresh token only travels to /auth, so an XSS-free API call never carries it.
  setCookie(c, COOKIE.refresh, refreshToken, { ...base, path: '/auth', maxAge: TTL.refresh });
}

/** Removes both session cookies (logout, revoked family). */
export function clearSessionCookies(c: Context): void {
  deleteCookie(c, COOKIE.access, { ...base, path: '/' });
  deleteCookie(c, COOKIE.refresh, { ...base, path: '/auth' });
}

/** Sets the cookie binding an OAuth `state` to this browser. */
export function setOAuthCookie(c: Context, nonce: string): void {
  setCookie(c, COOKIE.oauth, nonce, { ...base, path: '/auth', maxAge: TTL.oauthState });
}

/** Reads then deletes the OAuth binding cookie (single use). */
export function takeOAuthCookie(c: Context): string | undefined {
  const value = getCookie(c, COOKIE.oauth);
  deleteCookie(c, COOKIE.oauth, { ...base, path: '/auth' });
  return value;
}

export { getCookie };
