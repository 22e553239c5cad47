import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { HttpError } from '../errors/HttpError';
import { withRequestDb, type Db } from '../lib/db';
import { checkBotPermissions } from '../platform/botPermissions';
import { provideModuleContext } from '../platform/moduleApi';
import { moduleJsonSchema } from '../platform/moduleJsonSchema';
import { parseJson } from '../lib/parseJson';
import type { AppEnv } from '../types';
import { guildHub } from './hub/guildHub';
import { listModules } from './manager/listModules';
import { getRevision, listRevisions } from './manager/revisions';
import { setModuleActor } from './moduleActor';
import { registry } from './registry';

/** Options of {@link createModulesApi}. */
export interface ModulesApiOptions {
  /** The authenticated admin's Discord id (the API's session middleware ran before). */
  actorId: (c: Context<AppEnv>) => string | null;
}

const VersionBody = z.object({ expectedVersion: z.number().int().min(0).optional() }).strict();
const EnableBody = VersionBody.extend({ config: z.unknown().optional() }).strict();
const ConfigBody = VersionBody.extend({ config: z.unknown(), reason: z.string().max(200).optional() }).strict();
const id = z.coerce.number().int().positive();

async function body<T>(c: Context<AppEnv>, schema: z.ZodType<T>, optional = false): Promise<T> {
  const text = await c.req.text();
  if (!text && optional) return schema.parse({});
  return parseJson(text, schema, 'Invalid body');
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const r = id.safeParse(value);
  if (!r.success) throw new HttpError(400, `${name} must be a positive integer`, { code: 'ValidationError' });
  return r.data;
}

/**
 * The module routes, to mount at `/api/guilds/:guildId/modules` behind authentication and
 * guild access (see README): list, enable, disable, configure, revisions with diff, rollback,
 * and each module's own `api` under `/:moduleId/`.
 */
export function createModulesApi(options: ModulesApiOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const hub = (c: Context<AppEnv>) => guildHub(c.env, c.req.param('guildId') ?? '');
  const actor = (c: Context<AppEnv>) => ({ actorId: options.actorId(c), requestId: c.get('requestId') });
  const known = (c: Context<AppEnv>) => registry.require(c.req.param('moduleId') ?? '').id;
  const db = <T>(c: Context<AppEnv>, fn: (db: Db) => Promise<T>) => withRequestDb(c, fn);

  app.get('/', async (c) => c.json(listModules(await hub(c).getState())));
  app.get('/:moduleId', async (c) => {
    const moduleId = known(c);
    const list = listModules(await hub(c).getState());
    return c.json({ plan: list.plan, module: list.modules.find((m) => m.id === moduleId), schema: moduleJsonSchema(registry.require(moduleId).configSchema) });
  });
  app.get('/:moduleId/bot-permissions', async (c) => c.json(await checkBotPermissions(c.get('config'), c.req.param('guildId') ?? '', registry.require(known(c)))));
  app.post('/:moduleId/enable', async (c) => {
    const b = await body(c, EnableBody, true);
    return c.json(await hub(c).enable({ moduleId: known(c), ...b, ...actor(c) }));
  });
  app.post('/:moduleId/disable', async (c) => {
    const b = await body(c, VersionBody, true);
    return c.json(await hub(c).disable({ moduleId: known(c), ...b, ...actor(c) }));
  });
  app.put('/:moduleId/config', async (c) => {
    const b = await body(c, ConfigBody);
    return c.json(await hub(c).configure({ moduleId: known(c), ...b, ...actor(c) }));
  });
  app.get('/:moduleId/revisions', async (c) => {
    const moduleId = known(c);
    const guildId = c.req.param('guildId') ?? '';
    const opts = { moduleId, limit: positive(c.req.query('limit'), 'limit'), before: positive(c.req.query('before'), 'before') };
    return c.json({ revisions: await db(c, (d) => listRevisions(d, guildId, opts)) });
  });
  app.get('/:moduleId/revisions/:revisionId', async (c) => {
    known(c);
    const revisionId = positive(c.req.param('revisionId'), 'revisionId')!;
    return c.json(await db(c, (d) => getRevision(d, c.req.param('guildId') ?? '', revisionId)));
  });
  app.post('/:moduleId/revisions/:revisionId/rollback', async (c) => {
    const revisionId = positive(c.req.param('revisionId'), 'revisionId')!;
    return c.json(await hub(c).rollback({ moduleId: known(c), revisionId, ...actor(c) }));
  });
  for (const def of registry.all()) {
    if (!def.api) continue;
    app.use(`/${def.id}/*`, async (c, next) => {
      setModuleActor(c, options.actorId(c));
      await next();
    });
    app.use(`/${def.id}/*`, provideModuleContext(def.id) as never);
    app.route(`/${def.id}`, def.api as never);
  }
  return app;
}
