import type { Context } from 'hono';
import { z } from 'zod';
import { withRequestDb, type Db } from '../lib/db';
import { checkBotPermissions } from './botPermissions';
import { OpenAPIHono } from '@hono/zod-openapi';
import { moduleRoute, provideModuleContext, validationHook } from './moduleApi';
import { ErrorAnswer, sessionErrors } from './errorAnswer';
import { moduleJsonSchema } from './moduleJsonSchema';
import * as S from './modulesApiSchemas';
import type { AppEnv } from '../types';
import { jsonBody } from '../lib/parseJson';
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
const ModuleParams = z.object({ guildId: z.string(), moduleId: z.string().max(64) });
const RevisionParams = ModuleParams.extend({ revisionId: id });

/** The errors of the module system's routes, in the one error shape (`Error`). */
const errors = {
  400: { ...ErrorAnswer, description: 'ValidationError / InvalidJson / ModuleConfigInvalid (details.issues)' },
  403: { ...ErrorAnswer, description: 'NoGuildAccess / ModuleNotAvailableOnPlan / ModuleLimitExceeded' },
  404: { ...ErrorAnswer, description: 'ModuleNotFound / RevisionNotFound' },
  409: { ...ErrorAnswer, description: 'ModuleVersionConflict / ModuleDependencyMissing / ModuleRequiredByOther / ModuleAlwaysOn' },
  ...sessionErrors,
};
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const route = <const R extends Parameters<typeof moduleRoute>[0]>(r: R) => moduleRoute({ ...r, tags: ['modules'] });

const list = route({ method: 'get', path: '/', requires: 'view', summary: 'Modules with state, plan limits and usage', request: { params: ModuleParams.pick({ guildId: true }) }, responses: ok(S.ModuleListBody, 'Every module with its state, availability, limits and usage') });
const one = route({ method: 'get', path: '/{moduleId}', requires: 'view', summary: 'One module, with its config as JSON Schema', request: { params: ModuleParams }, responses: ok(S.ModuleDetailBody, 'The module and its config as JSON Schema') });
const botPermissions = route({ method: 'get', path: '/{moduleId}/bot-permissions', requires: 'view', summary: 'Permissions the module needs that the bot lacks, with an invite link asking for exactly them', request: { params: ModuleParams }, responses: ok(S.BotPermissionsBody, 'What the module needs of the bot and what it lacks') });
const enable = route({ method: 'post', path: '/{moduleId}/enable', requires: 'edit', summary: 'Enable a module', request: { params: ModuleParams, body: body(EnableBody) }, responses: ok(S.ModuleChangeBody, 'The change and the module’s new state') });
const disable = route({ method: 'post', path: '/{moduleId}/disable', requires: 'edit', summary: 'Disable a module', request: { params: ModuleParams, body: body(VersionBody) }, responses: ok(S.ModuleChangeBody, 'The change and the module’s new state') });
const configure = route({ method: 'put', path: '/{moduleId}/config', requires: 'edit', summary: "Replace a module config (validated by the module's schema; a stale expectedVersion is 409)", request: { params: ModuleParams, body: body(ConfigBody) }, responses: ok(S.ModuleChangeBody, 'The change and the module’s new state') });
const revisions = route({ method: 'get', path: '/{moduleId}/revisions', requires: 'view', summary: 'Config revisions, newest first', request: { params: ModuleParams, query: z.object({ limit: id.optional(), before: id.optional() }) }, responses: ok(S.RevisionListBody, 'Revisions, newest first') });
const revision = route({ method: 'get', path: '/{moduleId}/revisions/{revisionId}', requires: 'view', summary: 'One revision with its diff', request: { params: RevisionParams }, responses: ok(S.RevisionBody, 'The revision with its diff') });
const rollback = route({ method: 'post', path: '/{moduleId}/revisions/{revisionId}/rollback', requires: 'edit', summary: 'Roll back to a revision', request: { params: RevisionParams }, responses: ok(S.ModuleChangeBody, 'The change and the module’s new state') });

/**
 * The module routes, to mount at `/api/guilds/:guildId/modules` behind authentication and
 * guild access (see README): list, enable, disable, configure, revisions with diff, rollback,
 * and each module's own `api` under `/:moduleId/`. Declared with their zod contract like every
 * route (served at `/api/docs`).
 */
export function createModulesApi(options: ModulesApiOptions) {
  const hub = (c: Context<AppEnv>) => guildHub(c.env, c.req.param('guildId') ?? '');
  const actor = (c: Context<AppEnv>) => ({ actorId: options.actorId(c), requestId: c.get('requestId') });
  const known = (c: Context<AppEnv>) => registry.require(c.req.param('moduleId') ?? '').id;
  const db = <T>(c: Context<AppEnv>, fn: (db: Db) => Promise<T>) => withRequestDb(c, fn);

  const base = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  base.use('*', jsonBody());
  const app = base
    .openapi(list, async (c) => c.json(listModules(await hub(c).getState()), 200))
    .openapi(one, async (c) => {
      const moduleId = known(c);
      // listModules lists every registered module, and known() has checked this one is.
      const state = listModules(await hub(c).getState());
      return c.json({ plan: state.plan, module: state.modules.find((m) => m.id === moduleId)!, schema: moduleJsonSchema(registry.require(moduleId).configSchema) }, 200);
    })
    .openapi(botPermissions, async (c) => c.json(await checkBotPermissions(c.get('config'), c.req.valid('param').guildId, registry.require(known(c))), 200))
    .openapi(enable, async (c) => c.json(await hub(c).enable({ moduleId: known(c), ...c.req.valid('json'), ...actor(c) }), 200))
    .openapi(disable, async (c) => c.json(await hub(c).disable({ moduleId: known(c), ...c.req.valid('json'), ...actor(c) }), 200))
    .openapi(configure, async (c) => c.json(await hub(c).configure({ moduleId: known(c), ...c.req.valid('json'), ...actor(c) }), 200))
    .openapi(revisions, async (c) => {
      const moduleId = known(c);
      const { guildId } = c.req.valid('param');
      const opts = { moduleId, ...c.req.valid('query') };
      return c.json({ revisions: await db(c, (d) => listRevisions(d, guildId, opts)) }, 200);
    })
    .openapi(revision, async (c) => {
      known(c);
      const { guildId, revisionId } = c.req.valid('param');
      return c.json(await db(c, (d) => getRevision(d, guildId, revisionId)), 200);
    })
    .openapi(rollback, async (c) => c.json(await hub(c).rollback({ moduleId: known(c), revisionId: c.req.valid('param').revisionId, ...actor(c) }), 200));
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
