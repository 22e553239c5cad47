import { assertSameOrigin } from '../../auth/middleware/originCheck';
import { HttpError } from '../../errors';
import { guildHub } from '../../modules/hub/guildHub';
import { route } from '../defineRoute';
import { GuildParams } from '../schemas';

/** `GET /guilds/:guildId/ws`: the dashboard's live socket, authenticated here, served by the guild's hub. */
export const wsRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/ws',
    tag: 'guild',
    summary: 'WebSocket to the guild hub (live module changes and events); needs Upgrade: websocket',
    requires: 'view',
    params: GuildParams,
    handler: async (c, { params }) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new HttpError(400, 'Expected a WebSocket upgrade (Upgrade: websocket)', { code: 'UpgradeRequired' });
      }
      // A WebSocket is not bound by CORS and carries the session cookie: without this, any site
      // the admin visits could read the guild's live state (cross-site WebSocket hijacking).
      // Browsers always send Origin on a WebSocket handshake.
      assertSameOrigin(c.var.config.PUBLIC_URL, c.req.header('origin'));
      return guildHub(c.env, params.guildId).connect(c.req.raw, c.var.user.id);
    },
  }),
];
