import { OpenAPIHono, createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AccessLevel } from '../api/access/levels';
import { atLeast } from '../api/access/levels';
import { requestDbOf } from '../lib/db';
import { requireGuildAccess } from '../api/access/requireGuildAccess';
import type { AuthEnv } from '../auth/AuthEnv';
import type { AppEnv } from '../types';
import { validationError } from '../lib/parseJson';
import { actorAuthority } from '../api/access/actorAuthority';
import { permissionNames } from '../permissions/permissionNames';
import { guildHub } from './hub/guildHub';
import type { ModuleContext } from './ModuleContext';
import { ModuleServices } from './ModuleServices';

/** Hono environment of module routes: the app's, plus the module services (`await c.var.module()`). */
export type ModuleEnv = AppEnv & { Variables: AppEnv['Variables'] & { module: () => Promise<ModuleContext> } };

/** A module's routes (`definition.api`), mounted under `/api/guilds/:guildId/modules/<id>`. */
export type ModuleApi = OpenAPIHono<ModuleEnv>;

const WHERE = { json: 'body', query: 'query', param: 'params', header: 'headers', cookie: 'cookies', form: 'body' } as const;

/**
 * The one validation hook of every OpenAPI route (core and modules): a failed schema is the
 * standard 400 `ValidationError` with `details.issues`.
 */
export const validationHook = (result: { success: boolean; target: keyof typeof WHERE; error?: unknown }) => {
  if (!result.success) {
    const where = WHERE[result.target] ?? result.target;
    const error = result.error as Parameters<typeof validationError>[0];
    const first = error.issues[0];
    throw validationError(error, `Invalid ${where}: ${[where, ...(first?.path.map(String) ?? [])].join('.')} ${first?.message ?? ''}`.trim(), where);
  }
};

/** A new, empty module API (routes are added with `api.openapi(moduleRoute({...}), handler)`). */
export function createModuleApi(): ModuleApi {
  return new OpenAPIHono<ModuleEnv>({ defaultHook: validationHook as never });
}

/** Guard of one module route: the caller's level on the guild must be at least `need`. */
export function requireLevel(need: AccessLevel): MiddlewareHandler<AuthEnv> {
  const resolve = requireGuildAccess(need);
  return async function requireLevel(c, next) {
    const known = c.var.access;
    // The module system's guard already resolved the level for this request: compare only.
    if (known && known.guildId === c.req.param('guildId')) {
      if (!atLeast(known.level, need)) return resolve(c, next);
      return next();
    }
    return resolve(c, next);
  };
}

/** What a module route declares beyond its OpenAPI contract. */
interface ModuleRouteExtra {
  /** The access level on the guild the caller needs. */
  requires: AccessLevel;
  /**
   * The Discord permission(s) Discord itself requires of the actor for this action (owner and
   * Administrator hold all). Checked by the platform after the level, with the actor's roles; a
   * route whose permission depends on its input (moderation's `/actions`) checks it in its
   * handler instead and declares none here.
   */
  permission?: bigint;
}

/**
 * Declares a module route: its OpenAPI contract (zod schemas for params, query, body and
 * answers, served in `/api/docs`), the access level it requires and the Discord permission it
 * needs. The platform enforces both when it mounts the module under `/api` (before input
 * validation, so a refused caller learns nothing about the input); a route without a level is
 * refused at startup.
 */
export function moduleRoute<const R extends Omit<RouteConfig, 'middleware'> & ModuleRouteExtra>(config: R) {
  const { requires, permission, ...route } = config;
  const needs = [`the \`${requires}\` access level on the guild`, ...(permission === undefined ? [] : [`the Discord permission ${permissionNames(permission).join(' + ')}`])];
  return createRoute({
    ...route,
    description: `${route.description ?? route.summary ?? ''}\n\nRequires ${needs.join(' and ')}.`.trim(),
    'x-requires': requires,
    // A decimal string, as Discord writes permissions (a bigint has no JSON form).
    ...(permission !== undefined && { 'x-permission': String(permission) }),
  } as Omit<R, keyof ModuleRouteExtra>);
}

/** One route of a module API with what it requires, in Hono path syntax. */
export interface GuardedRoute {
  method: string;
  path: string;
  requires: AccessLevel;
  /** The Discord permission the actor needs, when the route declares one. */
  permission?: bigint;
}

/** The routes a module API declares, with their required levels; throws for a route without one. */
export function guardedRoutes(moduleId: string, api: ModuleApi): GuardedRoute[] {
  return api.openAPIRegistry.definitions.flatMap((d) => {
    if (d.type !== 'route') return [];
    const route = d.route as RouteConfig & { 'x-requires'?: AccessLevel; 'x-permission'?: string };
    if (!route['x-requires']) throw new Error(`module ${moduleId}: route ${route.method} ${route.path} declares no access level (use moduleRoute)`);
    const permission = route['x-permission'] === undefined ? undefined : BigInt(route['x-permission']);
    return [{ method: route.method.toUpperCase(), path: route.path.replace(/\{(\w+)\}/g, ':$1'), requires: route['x-requires'], ...(permission !== undefined && { permission }) }];
  });
}

/** Guard of a module route that declares a Discord permission: the actor must hold it in the guild. */
export function requirePermissionBits(bits: bigint): MiddlewareHandler<AuthEnv> {
  return async function requirePermissionBits(c, next) {
    (await actorAuthority(c)).require(bits);
    await next();
  };
}

/**
 * Middleware giving module routes their services (`await c.var.module()`): the guild's config
 * of this module and its plan (read from the hub on first use), db, rest, hub and jobs.
 */
export function provideModuleContext(moduleId: string): MiddlewareHandler<ModuleEnv> {
  return async function provideModuleContext(c: Context<ModuleEnv>, next) {
    const guildId = c.req.param('guildId');
    const services = new ModuleServices({
      appConfig: c.var.config, log: c.var.log, requestId: c.var.requestId, moduleId, guildId, hub: (g) => guildHub(c.env, g), db: requestDbOf(c),
    });
    let ctx: Promise<ModuleContext> | undefined;
    c.set('module', () =>
      (ctx ??= (async () => {
        const state = guildId ? await services.hub!.getState() : undefined;
        return services.context({ config: state?.modules[moduleId]?.config, plan: state?.plan ?? 'free' });
      })()),
    );
    try {
      await next();
    } finally {
      await services.close();
    }
  };
}
