import type { MiddlewareHandler } from 'hono';
import { readJson } from '../../lib/parseJson';
import { assertSafeInput } from '../../lib/safeInput';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks every input of an API request before any route sees it: the query values, the path's
 * decoded segments and, on writes, the body, read once by {@link readJson} (400 `InvalidJson`
 * when it is not JSON; well-formed Unicode, no NUL, bounded depth). An empty body reads as `{}`
 * for the routes' validators, so a route whose body fields are all optional may be called
 * without one, and a required field is reported as missing (never "malformed JSON").
 */
export const safeInput = (): MiddlewareHandler =>
  async function safeInput(c, next) {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      path = '\uD800';
    }
    assertSafeInput(path, 'path');
    assertSafeInput(c.req.queries(), 'query');
    if (WRITES.has(c.req.method)) {
      const json = readJson(await c.req.text());
      // bodyCache holds promises (Hono's typing says values).
      if (json === undefined) (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
      else assertSafeInput(json, 'body');
    }
    await next();
  };
