import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { HttpError } from '../errors';

/** At most this many zod issues go back to the caller; the first ones say what to fix. */
const MAX_ISSUES = 20;

/**
 * The 400 `ValidationError` every route answers for input that fails its schema, with
 * `details.issues = [{path, message}]` (see ErrorBody). `where` prefixes paths (`body.name`).
 */
export function validationError(error: z.ZodError, message: string, where?: string): HttpError {
  const issues = error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => ({ path: [...(where ? [where] : []), ...i.path.map(String)].join('.'), message: i.message }));
  return new HttpError(400, message, { code: 'ValidationError', details: { issues } });
}

/**
 * The one JSON reader of request bodies: the parsed value, `undefined` for an empty body, or
 * the 400 `InvalidJson` (with `details.issues` like every 400) when the text is not JSON.
 */
export function readJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body is not valid JSON', { code: 'InvalidJson', details: { issues: [{ path: 'body', message: 'not valid JSON' }] } });
  }
}

/**
 * Reads a request's JSON body once through {@link readJson} and leaves it for the routes'
 * validators. An empty body reads as `{}`, so a route whose body fields are all optional may be
 * called without one (with or without a JSON content type), and a required field is reported as
 * missing (never as "malformed JSON").
 */
export async function readBody(c: Context): Promise<unknown> {
  if (bodies.has(c.req.raw)) return bodies.get(c.req.raw);
  const json = readJson(await c.req.text());
  // Validators parse the cached text of a JSON-typed body: an empty one must parse. Without a JSON
  // content type they take `{}` themselves, and the empty text must stay empty (a body there is a 415).
  // Hono's bodyCache holds promises (its typing says values).
  if (json === undefined && /^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
  }
  bodies.set(c.req.raw, json);
  return json;
}

/** Bodies already read, by request: `safeInput` and a sub-app's {@link jsonBody} parse once. */
const bodies = new WeakMap<Request, unknown>();

/** {@link readBody} as middleware, for sub-apps that may be mounted without `safeInput` (tests). */
export const jsonBody = (): MiddlewareHandler =>
  async function jsonBody(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await readBody(c);
    await next();
  };

/**
 * Parses a JSON text and validates it: 400 `InvalidJson` when it is not JSON, 400
 * `ValidationError` when it does not match `schema`. Takes the text (not the request) so
 * callers that must read the raw body first, to check a signature, share it.
 */
export function parseJson<T>(text: string, schema: z.ZodType<T>, message: string): T {
  const parsed = schema.safeParse(readJson(text));
  if (!parsed.success) throw validationError(parsed.error, message);
  return parsed.data;
}
