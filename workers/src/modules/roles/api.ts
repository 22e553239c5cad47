import { z } from 'zod';
import { HttpError } from '../../errors';
import { CustomIdSigner } from '../../interactions/CustomIdSigner';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { guildHub } from '../../platform/hub/guildHub';
import { moduleActorId } from '../../platform/moduleActor';
import { authorityOf, guildFacts, memberRoles, rolesServices } from './guildReach';
import { publishPanel } from './publishPanel';

const PublishAnswer = z.object({
  panelId: z.string(), channelId: snowflake, messageId: snowflake, action: z.enum(['posted', 'edited']),
});

const publishRoute = moduleRoute({
  method: 'post', path: '/panels/{panelId}/publish', tags: ['roles'], requires: 'edit',
  summary: 'Post a role panel as saved, or edit its message in place (Manage Roles; every role of the panel below yours)',
  request: { params: z.object({ guildId: snowflake, panelId: z.string().regex(/^[a-z0-9-]{1,16}$/) }) },
  responses: {
    200: { description: 'Posted or edited', content: { 'application/json': { schema: PublishAnswer } } },
    400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer,
  },
});

/**
 * The Roles routes under `/api/guilds/:guildId/modules/roles`: `POST /panels/:panelId/publish`
 * runs the same `publishPanel` as `/roles panel post`, with the dashboard user's roles read
 * fresh from Discord for the permission and hierarchy checks.
 */
export function createRolesApi() {
  return createModuleApi().openapi(publishRoute, async (c) => {
    const { guildId, panelId } = c.req.valid('param');
    const actorId = moduleActorId(c);
    if (!actorId) throw new HttpError(401, 'Sign in to post a panel', { code: 'Unauthenticated' });
    const ctx = await c.var.module();
    const s = rolesServices(ctx, guildId);
    const [facts, roles, state] = await Promise.all([guildFacts(s), memberRoles(s, actorId), guildHub(c.env, guildId).getState()]);
    const actor = authorityOf(facts, actorId, roles);
    const mod = state.modules.roles;
    if (!mod?.enabled) throw new HttpError(409, 'The Roles module is off in this server: turn it on first', { code: 'ModuleDisabled', details: { moduleId: 'roles' } });
    const signer = new CustomIdSigner(ctx.appConfig.SESSION_SECRET);
    const result = await publishPanel(s, { actorId, requestId: c.var.requestId }, actor, mod.config, panelId, (p, ...st) => signer.sign(p, st));
    return c.json(result, 200);
  });
}

/** The Roles routes' type, for the dashboard's typed client. */
export type RolesApi = ReturnType<typeof createRolesApi>;
