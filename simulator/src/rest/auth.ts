import type { MiddlewareHandler } from 'hono';
import type { RestEnv } from './types.js';
import { unauthorized } from './discordError.js';

/**
 * Authenticates `Authorization: Bot <token>` (an application's bot) or `Bearer <token>` (an OAuth2
 * user access token). Unauthenticated routes (gateway, oauth2/token, interaction callbacks, webhooks
 * with a token) are mounted before this middleware.
 */
export const auth = (): MiddlewareHandler<RestEnv> =>
  async function auth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const [scheme, token] = header.split(' ', 2) as [string, string | undefined];
    const sim = c.get('sim');
    if (scheme === 'Bot' && token) {
      const app = sim.state.applications.byBotToken(token);
      if (app) {
        c.set('caller', { kind: 'bot', app, userId: app.botUserId });
        return next();
      }
    } else if (scheme === 'Bearer' && token) {
      const grant = sim.oauth.byAccessToken(token);
      if (grant) {
        c.set('caller', { kind: 'user', app: sim.state.applications.get(grant.applicationId), userId: grant.userId, scopes: grant.scopes });
        return next();
      }
    }
    throw unauthorized();
  };
