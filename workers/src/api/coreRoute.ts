import { OpenAPIHono, createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AuthEnv } from '../auth/AuthEnv';
import { ErrorAnswer, sessionErrors } from '../platform/errorAnswer';
import { validationHook } from '../platform/moduleApi';
import { actorAuthority } from './access/actorAuthority';
import type { AccessLevel } from './access/levels';
import { requireGuildAccess } from './access/requireGuildAccess';
import { requireInstanceOwner } from './access/requireInstanceOwner';
import { deps } from './deps';
import { guildData } from './discord/guildData';

/** Who may call a route: any logged-in user, a guild access level, or an instance owner. */
export type Requirement = 'login' | AccessLevel | 'instanceOwner';

/** What a core route declares beyond its OpenAPI contract. */
interface CoreExtra {
  requires: Requirement;
  /**
   * The Discord permission(s) Discord itself requires of the actor for this action, checked by
   * {@link requirePermission} after the access level and input validation. Owner and
   * Administrator hold all. With `permissionIn`, in that channel (its overwrites count).
   */
  permission?: bigint;
  permissionIn?: 'channelId';
}

/** The errors every route may answer, documented once. */
const errors = (requires: Requirement) => ({
  400: { ...ErrorAnswer, description: 'ValidationError / InvalidJson (details.issues)' },
  ...(requires !== 'login' && { 403: { ...ErrorAnswer, description: 'NoGuildAccess / BadOrigin / DiscordForbidden / MissingPermissions' } }),
  ...sessionErrors,
});

const guard = (requires: Requirement): MiddlewareHandler<AuthEnv>[] =>
  requires === 'login' ? [] : requires === 'instanceOwner' ? [requireInstanceOwner()] : [requireGuildAccess(requires)];

/**
 * Declares a core `/api` route: its OpenAPI contract (zod params, query, body and answers, served
 * at `/api/docs`) and who may call it. The access check runs before input validation, so a
 * refused caller learns nothing about the input.
 */
export function coreRoute<const R extends Omit<RouteConfig, 'middleware'> & CoreExtra>(config: R) {
  const { requires, permission, permissionIn, ...route } = config;
  const built = createRoute({
    ...route,
    responses: { ...errors(requires), ...route.responses },
    middleware: guard(requires),
    'x-requires': requires,
  } as unknown as Omit<R, keyof CoreExtra>);
  return Object.assign(built, { [PERMISSION]: { permission, permissionIn } });
}

const PERMISSION = Symbol('permission');

/**
 * Checks the Discord permission a route declared (`permission`, `permissionIn`) against the
 * actor's roles; call first in the handler, after validation (a bad channel id is a 400, not a
 * lookup). A route without one passes.
 */
export async function requirePermission(c: Context<AuthEnv>, route: object): Promise<void> {
  const spec = (route as { [PERMISSION]?: Pick<CoreExtra, 'permission' | 'permissionIn'> })[PERMISSION];
  if (spec?.permission === undefined) return;
  const authority = await actorAuthority(c);
  const channelId = spec.permissionIn ? c.req.param(spec.permissionIn) : undefined;
  authority.require(spec.permission, channelId ? await guildData.channel(deps(c), channelId, { fresh: true }) : undefined);
}

/** A new, empty group of core routes (`coreApi().openapi(coreRoute({...}), handler)`). */
export function coreApi(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({ defaultHook: validationHook as never });
}

/** A JSON request body (required unless the schema accepts no body). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: !schema.safeParse(undefined).success, content: { 'application/json': { schema } } };
}

/** A JSON answer of `status` (200 unless told). */
export function jsonAnswer<T extends z.ZodType, const S extends 200 | 201 = 200>(schema: T, status: S = 200 as S, description = 'OK') {
  return { [status]: { description, content: { 'application/json': { schema } } } } as { [K in S]: { description: string; content: { 'application/json': { schema: T } } } };
}

/** The empty 204 answer of a write. */
export const noContent = { 204: { description: 'Done (no content)' } } as const;
