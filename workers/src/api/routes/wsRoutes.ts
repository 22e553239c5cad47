import { assertSameOrigin } from '../../auth/middleware/originCheck';
import { HttpError } from '../../errors';
import { guildHub } from '../../platform/hub/guildHub';
import { coreApi, coreRoute } from '../coreRoute';
import { GuildParams } from '../schemas';

const ws = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/ws',
  tags: ['guild'],
  summary: 'WebSocket to the guild hub (live module changes and events); needs Upgrade: websocket',
  requires: 'view',
  request: { params: GuildParams },
  responses: { 101: { description: 'Switching Protocols (the socket)' } },
});

/** `GET /guilds/:guildId/ws`: the dashboard's live socket, authenticated here, served by the guild's hub. */
export const wsRoutes = coreApi().openapi(ws, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new HttpError(400, 'Expected a WebSocket upgrade (Upgrade: websocket)', { code: 'UpgradeRequired' });
  }
  // A WebSocket is not bound by CORS and carries the session cookie: without this, any site
  // the admin visits could read the guild's live state (cross-site WebSocket hijacking).
  // Browsers always send Origin on a WebSocket handshake.
  assertSameOrigin(c.var.config.PUBLIC_URL, c.req.header('origin'));
  return guildHub(c.env, c.req.valid('param').guildId).connect(c.req.raw, c.var.user.id);
});
