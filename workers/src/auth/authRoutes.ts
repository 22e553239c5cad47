import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HttpError } from '../errors';
import { getRedis } from '../lib/redis';
import { requireConfig } from '../middleware/require-config';
import { signAccessToken, verifyAccessToken } from './accessToken';
import type { AuthEnv } from './AuthEnv';
import { COOKIE, TTL, clearSessionCookies, setOAuthCookie, setSessionCookies, takeOAuthCookie } from './cookies';
import { authorizeUrl, discordOAuth } from './discordOAuth';
import { discordTokens } from './discordTokens';
import { loadMe } from './loadMe';
import { clientIp, DEFAULT_TIERS, rateLimit, type RateLimitTiers } from './middleware/rateLimit';
import { originCheck } from './middleware/originCheck';
import { mintState, safeRedirect, verifyState } from './oauthState';
import { requestDb } from './requestDb';
import { revocations } from './revocations';
import { sessionStore, type SessionMeta } from './sessionStore';
import { userGuilds } from './userGuilds';

const meta = (c: Context<AuthEnv>): SessionMeta => ({ userAgent: c.req.header('user-agent'), ip: clientIp(c) });

/**
 * `/auth`: Discord OAuth2 login (code flow, state bound to the browser), refresh-token
 * rotation with reuse detection, logout of every session. See docs/API.md.
 */
export function createAuthRoutes(tiers: RateLimitTiers = DEFAULT_TIERS): Hono<AuthEnv> {
  const auth = new Hono<AuthEnv>();
  auth.use('*', requireConfig() as never, requestDb(), rateLimit(tiers, 'auth'), originCheck());

  auth.get('/login', async (c) => {
    const { state, nonce } = await mintState(c.var.config.SESSION_SECRET, safeRedirect(c.req.query('redirect')));
    setOAuthCookie(c, nonce);
    return c.redirect(authorizeUrl(c.var.config, state), 302);
  });

  auth.get('/callback', async (c) => {
    const config = c.var.config;
    const nonce = takeOAuthCookie(c);
    const denied = c.req.query('error');
    if (denied) return c.redirect(`/?authError=${encodeURIComponent(denied.slice(0, 64))}`, 302);
    const redis = getRedis(config);
    const { redirect } = await verifyState(config.SESSION_SECRET, c.req.query('state'), nonce, (jti) => revocations.consumeState(redis, jti));
    const code = c.req.query('code');
    if (!code || code.length > 512) throw new HttpError(400, 'Missing authorization code', { code: 'ValidationError' });
    const grant = await discordOAuth.exchangeCode(config, code);
    const user = await discordOAuth.me(config, grant.access_token);
    const db = c.var.db();
    await discordTokens.upsertUser(db, config, user, grant);
    await userGuilds.forget(redis, user.id).catch(() => {});
    const session = await sessionStore.create(db, user.id, meta(c));
    setSessionCookies(c, await signAccessToken(config.SESSION_SECRET, { id: user.id, familyId: session.familyId }), session.refreshToken);
    c.var.log.info('login', { userId: user.id });
    // Checked again here: a state minted before a fix of safeRedirect must not lead elsewhere.
    return c.redirect(safeRedirect(redirect), 302);
  });

  auth.post('/refresh', async (c) => {
    const config = c.var.config;
    const token = getCookie(c, COOKIE.refresh);
    if (!token) throw new HttpError(401, 'No refresh token; log in again', { code: 'InvalidRefreshToken' });
    const db = c.var.db();
    try {
      const next = await sessionStore.rotate(db, token, meta(c));
      setSessionCookies(c, await signAccessToken(config.SESSION_SECRET, { id: next.userId, familyId: next.familyId }), next.refreshToken);
      return c.json({ user: await loadMe(db, config, next.userId), expiresIn: TTL.access });
    } catch (err) {
      if (err instanceof HttpError && err.code === 'RefreshTokenReused') {
        const familyId = (err.options.details as { familyId?: string } | undefined)?.familyId;
        if (familyId) await revocations.revokeFamily(getRedis(config), familyId).catch(() => {});
        c.var.log.warn('refresh token reuse; family revoked', { familyId });
        clearSessionCookies(c);
        throw new HttpError(401, err.message, { code: 'RefreshTokenReused' });
      }
      if (err instanceof HttpError && err.status === 401) clearSessionCookies(c);
      throw err;
    }
  });

  auth.post('/logout', async (c) => {
    const config = c.var.config;
    const db = c.var.db();
    let userId: string | undefined;
    const access = getCookie(c, COOKIE.access);
    if (access) userId = await verifyAccessToken(config.SESSION_SECRET, access).then((u) => u.id, () => undefined);
    const refresh = getCookie(c, COOKIE.refresh);
    if (!userId && refresh) userId = await sessionStore.ownerOf(db, refresh);
    if (userId) {
      await sessionStore.revokeUser(db, userId);
      await revocations.revokeUser(getRedis(config), userId).catch(() => {});
      c.var.log.info('logout', { userId });
    }
    clearSessionCookies(c);
    return c.body(null, 204);
  });

  return auth;
}
