import { Hono } from 'hono';
import type { RestEnv } from '../types.js';
import { unauthorized } from '../discordError.js';

/** `GET /gateway` (no auth) and `GET /gateway/bot` (bot token): where `@discordjs/ws` connects. */
export const gateway = new Hono<RestEnv>()
  .get('/', (c) => c.json({ url: c.get('sim').gatewayUrl() }))
  .get('/bot', (c) => {
    const [scheme, token] = (c.req.header('authorization') ?? '').split(' ', 2);
    const app = scheme === 'Bot' && token ? c.get('sim').state.applications.byBotToken(token) : undefined;
    if (!app) throw unauthorized();
    return c.json(c.get('sim').gatewayBotInfo(app.id));
  });
