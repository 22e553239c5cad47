import { z } from 'zod';
import { HttpError } from '../../errors';
import { grants } from '../access/grants';
import { atLeast } from '../access/levels';
import { forgetGuildAccess } from '../access/resolveGuildAccess';
import { audit } from '../audit';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { GuildParams, GuildUserParams } from '../schemas';

const Grant = z.object({ userId: z.string(), level: z.enum(['view', 'edit', 'manage']), grantedBy: z.string().nullable(), createdAt: z.string() });

/** Dashboard access grants of a guild (view / edit config / manage access). */
export const accessRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/access',
    tag: 'access',
    summary: 'Dashboard access grants',
    requires: 'view',
    params: GuildParams,
    response: z.object({ grants: z.array(Grant) }),
    handler: async (c) => c.json({ grants: await grants.list(deps(c).db, deps(c).guildId) }),
  }),
  route({
    method: 'put',
    path: '/guilds/:guildId/access/:userId',
    tag: 'access',
    summary: 'Grant or change a user’s dashboard access',
    requires: 'manage',
    params: GuildUserParams,
    body: z.object({ level: z.enum(['view', 'edit', 'manage']) }).strict(),
    response: Grant,
    handler: async (c, { params, body }) => {
      if (params.userId === c.var.user.id && !atLeast(c.var.access.level, 'admin')) {
        throw new HttpError(403, 'You cannot change your own access', { code: 'NoGuildAccess' });
      }
      const grant = await grants.set(deps(c).db, params.guildId, params.userId, body.level, c.var.user.id);
      await forgetGuildAccess(deps(c).redis, params.guildId, params.userId);
      await audit(c, params.guildId, { action: 'access.grant', targetType: 'user', targetId: params.userId, details: { level: body.level } });
      return c.json(grant);
    },
  }),
  route({
    method: 'delete',
    path: '/guilds/:guildId/access/:userId',
    tag: 'access',
    summary: 'Revoke a user’s dashboard access',
    requires: 'manage',
    params: GuildUserParams,
    status: 204,
    handler: async (c, { params }) => {
      if (!(await grants.remove(deps(c).db, params.guildId, params.userId))) {
        throw new HttpError(404, 'That user has no dashboard access grant', { code: 'NotFound' });
      }
      await forgetGuildAccess(deps(c).redis, params.guildId, params.userId);
      await audit(c, params.guildId, { action: 'access.revoke', targetType: 'user', targetId: params.userId });
      return c.body(null, 204);
    },
  }),
];
