import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RestEnv, SimServices } from './types.js';
import { auth } from './auth.js';
import { SimStateError } from '../state/index.js';
import { users } from './routes/users.js';
import { guilds } from './routes/guilds.js';
import { members } from './routes/members.js';
import { bans } from './routes/bans.js';
import { autoModeration } from './routes/autoModeration.js';
import { roles } from './routes/roles.js';
import { channels } from './routes/channels.js';
import { channelWebhooks } from './routes/channelWebhooks.js';
import { messages } from './routes/messages.js';
import { gateway } from './routes/gateway.js';
import { commands } from './routes/commands.js';
import { oauthToken } from '../oauth/oauthToken.js';
import { interactionRoutes } from '../interactions/interactionRoutes.js';
import { webhooks } from '../interactions/webhooks.js';
import { attachmentRoutes } from './attachments.js';

/** `DiscordBot ($url, $versionNumber)`, optionally followed by more product tokens. */
const DISCORD_USER_AGENT = /^DiscordBot \(\S+, [^)\s]+\)/;

/** Logs one structured line per failure; never bodies or tokens. */
export type RestLogger = (entry: Record<string, unknown>) => void;

/**
 * Discord's REST API v10 (mount at `/api/v10`): rate-limit headers on every response, Discord's error
 * JSON (`{message, code, errors?}`), public routes first, then bot/OAuth-authenticated ones.
 */
export function createRestApp(services: SimServices, log: RestLogger = () => {}): Hono<RestEnv> {
  const app = new Hono<RestEnv>();
  app.use('*', async (c, next) => {
    c.set('sim', services);
    const path = c.req.path.replace(/^\/api(\/v\d+)?/, '') || '/';
    const userAgent = c.req.header('user-agent') ?? null;
    if (!DISCORD_USER_AGENT.test(userAgent ?? '')) services.userAgentViolations?.push({ method: c.req.method, path: path.replace(/\/webhooks\/(\d+)\/[^/]+/, '/webhooks/$1/:token'), userAgent });
    const decision = services.rateLimiter.check(c.req.method, path);
    for (const [k, v] of Object.entries(decision.headers)) c.header(k, v);
    if (decision.limited) return c.json(decision.limited, 429);
    await next();
  });
  app.onError((err, c) => {
    if (err instanceof SimStateError) {
      return c.json({ message: err.message, code: err.code, ...(err.errors ? { errors: err.errors } : {}) }, err.status as ContentfulStatusCode);
    }
    log({ level: 'error', msg: 'simulator REST handler failed', method: c.req.method, path: c.req.path, error: String(err) });
    return c.json({ message: '500: Internal Server Error', code: 0 }, 500);
  });
  app.notFound((c) => c.json({ message: '404: Not Found', code: 0 }, 404));

  app.route('/gateway', gateway);
  app.route('/oauth2', oauthToken);
  app.route('/interactions', interactionRoutes);
  app.route('/webhooks', webhooks);
  app.route('/attachments', attachmentRoutes);
  app.use('*', auth());
  app.route('/users', users);
  app.route('/guilds', guilds);
  app.route('/guilds', members);
  app.route('/guilds', bans);
  app.route('/guilds', autoModeration);
  app.route('/guilds', roles);
  app.route('/channels', channels);
  app.route('/channels', channelWebhooks);
  app.route('/channels', messages);
  app.route('/applications', commands);
  return app;
}
