import { Hono, type Context } from 'hono';
import type { RestEnv } from '../rest/types.js';
import { OAuthError } from './OAuthStore.js';
import { unauthorized } from '../rest/discordError.js';
import { guildPayload, type SimApplication } from '../state/index.js';

/** Client authentication: `client_secret_basic` (Authorization: Basic) or `client_secret_post` (form fields). */
function clientOf(c: Context<RestEnv>, form: Record<string, string>): SimApplication {
  let id = form.client_id;
  let secret = form.client_secret;
  const h = c.req.header('authorization') ?? '';
  if (h.startsWith('Basic ')) {
    const [u, p] = Buffer.from(h.slice(6), 'base64').toString('utf8').split(':', 2);
    id = decodeURIComponent(u ?? '');
    secret = decodeURIComponent(p ?? '');
  }
  const app = id ? c.get('sim').state.applications.byClientId(id) : undefined;
  if (!app || app.clientSecret !== secret) throw new OAuthError('invalid_client', 401);
  return app;
}

async function formOf(c: Context<RestEnv>): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) return ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

function oauthFail(c: Context<RestEnv>, e: unknown): Response {
  if (e instanceof OAuthError) return c.json({ error: e.error, error_description: e.message }, e.status as 400);
  throw e;
}

/** `/oauth2/token` (authorization_code, refresh_token), `/oauth2/token/revoke`, `/oauth2/@me`. */
export const oauthToken = new Hono<RestEnv>()
  .post('/token', async (c) => {
    const form = await formOf(c);
    try {
      const app = clientOf(c, form);
      const { state, oauth } = c.get('sim');
      if (form.grant_type === 'authorization_code') {
        if (!form.code) throw new OAuthError('invalid_request', 400, 'Missing "code" in request.');
        const { guildId, ...tokens } = oauth.exchangeCode(app.id, form.code, form.redirect_uri);
        // With the bot scope Discord also returns the guild the bot was added to.
        if (guildId && state.data.guilds[guildId]) return c.json({ ...tokens, guild: guildPayload(state.guild(guildId)) });
        return c.json(tokens);
      }
      if (form.grant_type === 'refresh_token') {
        if (!form.refresh_token) throw new OAuthError('invalid_request', 400, 'Missing "refresh_token" in request.');
        return c.json(oauth.refreshGrant(app.id, form.refresh_token));
      }
      if (form.grant_type === 'client_credentials') {
        const owner = app.ownerId ?? app.botUserId;
        return c.json(oauth.grant(app.id, owner, (form.scope ?? 'identify').split(/[ +]/).filter(Boolean)));
      }
      throw new OAuthError('unsupported_grant_type');
    } catch (e) {
      return oauthFail(c, e);
    }
  })
  .post('/token/revoke', async (c) => {
    const form = await formOf(c);
    try {
      clientOf(c, form);
      if (form.token) c.get('sim').oauth.revoke(form.token);
      return c.json({});
    } catch (e) {
      return oauthFail(c, e);
    }
  })
  .get('/@me', (c) => {
    const [scheme, token] = (c.req.header('authorization') ?? '').split(' ', 2);
    const grant = scheme === 'Bearer' && token ? c.get('sim').oauth.byAccessToken(token) : undefined;
    if (!grant) throw unauthorized();
    const { state } = c.get('sim');
    const app = state.applications.get(grant.applicationId);
    return c.json({
      application: { id: app.id, name: app.name, icon: null, description: '', bot_public: true, bot_require_code_grant: false, verify_key: app.publicKey, flags: app.flags },
      scopes: grant.scopes,
      expires: new Date(grant.expiresAt).toISOString(),
      ...(grant.scopes.includes('identify') ? { user: state.users.get(grant.userId) } : {}),
    });
  });
