import { Hono, type Context } from 'hono';
import { readJson } from '../lib/parseJson';
import type { AppEnv } from '../types';
import { guildHub } from './hub/guildHub';
import { listModules } from './manager/listModules';
import { assertBotOwner, parsePlan } from './plans';

/**
 * `GET /` (the plan with each module's limits and usage) and `PUT /` `{plan}` (instance owners
 * only, `BOT_OWNER_IDS`), to mount at `/api/guilds/:guildId/plan` behind authentication.
 */
export function createPlanApi(options: { actorId: (c: Context<AppEnv>) => string | null }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const hub = (c: Context<AppEnv>) => guildHub(c.env, c.req.param('guildId') ?? '');
  app.get('/', async (c) => {
    const list = listModules(await hub(c).getState());
    return c.json({ plan: list.plan, modules: list.modules.map((m) => ({ id: m.id, available: m.available, limits: m.limits })) });
  });
  app.put('/', async (c) => {
    const actorId = options.actorId(c);
    assertBotOwner(c.get('config'), actorId ?? undefined);
    const json = readJson(await c.req.text()) as { plan?: unknown } | undefined;
    const state = await hub(c).setPlan({ plan: parsePlan(json?.plan), actorId, requestId: c.get('requestId') });
    return c.json({ plan: state.plan });
  });
  return app;
}
