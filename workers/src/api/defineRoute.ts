import type { Context, Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/AuthEnv';
import { HttpError } from '../errors';
import { validationError } from '../lib/parseJson';
import { actorAuthority } from './access/actorAuthority';
import type { AccessLevel } from './access/levels';
import { deps } from './deps';
import { guildData } from './discord/guildData';
import { requireGuildAccess } from './access/requireGuildAccess';
import { requireInstanceOwner } from './access/requireInstanceOwner';

/** Who may call a route: any logged-in user, a guild access level, or an instance owner. */
export type Requirement = 'login' | AccessLevel | 'instanceOwner';

/** Validated inputs handed to a route's handler. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** One API route: its contract (documented in OpenAPI) and its handler. */
// The defaults let one list hold routes of different inputs: with `unknown`, a handler taking
// its own typed input would not be assignable (parameters are contravariant).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface RouteSpec<P = any, Q = any, B = any> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path under `/api`, Hono syntax (`/guilds/:guildId/members`). */
  path: string;
  summary: string;
  tag: string;
  requires: Requirement;
  /**
   * The Discord permission(s) Discord itself requires of the actor for this action, checked
   * after the access level from their roles ({@link actorAuthority}); with `permissionIn`, in
   * that channel (its overwrites count). Owner and Administrator hold all.
   */
  permission?: bigint;
  permissionIn?: 'channelId';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Response body schema (documentation only) and status. */
  response?: z.ZodType;
  status?: number;
  handler: (c: Context<AuthEnv>, input: RouteInput<P, Q, B>) => Promise<Response> | Response;
}

/** Declares a route with inferred input types. */
export function route<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

function invalid(where: string, error: z.ZodError): HttpError {
  const first = error.issues[0];
  return validationError(error, `Invalid ${where}: ${[where, ...(first?.path.map(String) ?? [])].join('.')} ${first?.message}`, where);
}

async function readBody(c: Context<AuthEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body is not valid JSON', { code: 'ValidationError' });
  }
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(where, result.error);
  return result.data;
}

/**
 * Mounts routes on the API app: the access check first (so a refused caller learns nothing
 * about the input), then zod validation of params, query and body, then the handler.
 */
export function mountRoutes(app: Hono<AuthEnv>, specs: RouteSpec[]): void {
  for (const spec of specs) {
    const guard: MiddlewareHandler<AuthEnv>[] =
      spec.requires === 'login' ? [] : spec.requires === 'instanceOwner' ? [requireInstanceOwner()] : [requireGuildAccess(spec.requires)];
    app.on(spec.method.toUpperCase(), [spec.path], ...guard, async (c: Context<AuthEnv>) => {
      const params = parse(spec.params, c.req.param(), 'params');
      const query = parse(spec.query, c.req.query(), 'query');
      const body = parse(spec.body, spec.body ? await readBody(c) : undefined, 'body');
      if (spec.permission !== undefined) {
        const authority = await actorAuthority(c);
        const channelId = spec.permissionIn ? (params as Record<string, string>)[spec.permissionIn] : undefined;
        authority.require(spec.permission, channelId ? await guildData.channel(deps(c), channelId, { fresh: true }) : undefined);
      }
      return spec.handler(c, { params, query, body });
    });
  }
}
