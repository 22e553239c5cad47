import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { ErrorAnswer, sessionErrors } from './errorAnswer';
import { validationHook } from './moduleApi';
import type { AppEnv } from '../types';
import { jsonBody } from '../lib/parseJson';
import { guildHub } from './hub/guildHub';
import { listModules } from './manager/listModules';
import { PlanBody, PlanUsageBody } from './modulesApiSchemas';
import { assertBotOwner, parsePlan, PLANS } from './plans';

const GuildParams = z.object({ guildId: z.string() });
/** The errors of the plan routes, in the one error shape (`Error`). */
const errors = {
  400: { ...ErrorAnswer, description: 'ValidationError / InvalidJson / PlanInvalid (details.issues)' },
  403: { ...ErrorAnswer, description: 'NoGuildAccess' },
  ...sessionErrors,
};
const read = createRoute({
  method: 'get', path: '/', tags: ['modules'], summary: 'The plan with each module’s availability, limits and usage', 'x-requires': 'view',
  request: { params: GuildParams }, responses: { 200: { description: 'The plan with each module’s availability, limits and usage', content: { 'application/json': { schema: PlanUsageBody } } }, ...errors },
});
const change = createRoute({
  method: 'put', path: '/', tags: ['modules'], summary: 'Change the plan (BOT_OWNER_IDS only)', 'x-requires': 'instanceOwner',
  request: { params: GuildParams, body: { required: true, content: { 'application/json': { schema: z.object({ plan: z.enum(PLANS as [string, ...string[]]) }) } } } },
  responses: { 200: { description: 'The new plan', content: { 'application/json': { schema: PlanBody } } }, ...errors, 403: { ...ErrorAnswer, description: 'NotBotOwner / NoGuildAccess' } },
});

/**
 * `GET /` (the plan with each module's limits and usage) and `PUT /` `{plan}` (instance owners
 * only, `BOT_OWNER_IDS`), to mount at `/api/guilds/:guildId/plan` behind authentication.
 */
export function createPlanApi(options: { actorId: (c: Context<AppEnv>) => string | null }) {
  const hub = (c: Context<AppEnv>) => guildHub(c.env, c.req.param('guildId') ?? '');
  const base = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  base.use('*', jsonBody());
  return base
    .openapi(read, async (c) => {
      const list = listModules(await hub(c).getState());
      return c.json({ plan: list.plan, modules: list.modules.map((m) => ({ id: m.id, available: m.available, limits: m.limits })) }, 200);
    })
    .openapi(change, async (c) => {
      const actorId = options.actorId(c);
      assertBotOwner(c.get('config'), actorId ?? undefined);
      const state = await hub(c).setPlan({ plan: parsePlan(c.req.valid('json').plan), actorId, requestId: c.get('requestId') });
      return c.json({ plan: state.plan }, 200);
    });
}
