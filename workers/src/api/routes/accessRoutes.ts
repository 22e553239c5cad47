import { z } from 'zod';
import { HttpError } from '../../errors';
import { grants } from '../access/grants';
import { atLeast } from '../access/levels';
import { forgetGuildAccess } from '../access/resolveGuildAccess';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer, jsonBody, noContent } from '../coreRoute';
import { deps } from '../deps';
import { GuildParams, GuildUserParams } from '../schemas';

const Grant = z.object({ userId: z.string(), level: z.enum(['view', 'edit', 'manage']), grantedBy: z.string().nullable(), createdAt: z.string() });

const list = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/access',
  tags: ['access'],
  summary: 'Dashboard access grants',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(z.object({ grants: z.array(Grant) })),
});
const grant = coreRoute({
  method: 'put',
  path: '/guilds/{guildId}/access/{userId}',
  tags: ['access'],
  summary: 'Grant or change a user’s dashboard access',
  requires: 'manage',
  request: { params: GuildUserParams, body: jsonBody(z.object({ level: z.enum(['view', 'edit', 'manage']) }).strict()) },
  responses: jsonAnswer(Grant),
});
const revoke = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/access/{userId}',
  tags: ['access'],
  summary: 'Revoke a user’s dashboard access',
  requires: 'manage',
  request: { params: GuildUserParams },
  responses: noContent,
});

/** Dashboard access grants of a guild (view / edit config / manage access). */
export const accessRoutes = coreApi()
  .openapi(list, async (c) => c.json({ grants: await grants.list(deps(c).db, deps(c).guildId) }, 200))
  .openapi(grant, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    if (params.userId === c.var.user.id && !atLeast(c.var.access.level, 'admin')) {
      throw new HttpError(403, 'You cannot change your own access', { code: 'NoGuildAccess' });
    }
    const saved = await grants.set(deps(c).db, params.guildId, params.userId, body.level, c.var.user.id);
    await forgetGuildAccess(deps(c).redis, params.guildId, params.userId);
    await audit(c, params.guildId, { action: 'access.grant', targetType: 'user', targetId: params.userId, details: { level: body.level } });
    return c.json(saved, 200);
  })
  .openapi(revoke, async (c) => {
    const params = c.req.valid('param');
    if (!(await grants.remove(deps(c).db, params.guildId, params.userId))) {
      throw new HttpError(404, 'That user has no dashboard access grant', { code: 'NotFound' });
    }
    await forgetGuildAccess(deps(c).redis, params.guildId, params.userId);
    await audit(c, params.guildId, { action: 'access.revoke', targetType: 'user', targetId: params.userId });
    return c.body(null, 204);
  });
