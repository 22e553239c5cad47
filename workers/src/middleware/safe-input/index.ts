import type { MiddlewareHandler } from 'hono';
import { readBody } from '../../lib/parseJson';
import { assertSafeInput } from '../../lib/safeInput';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks every input of an API request before any route sees it: the query values, the path's
 * decoded segments and, on writes, the body, read once by {@link readBody} (400 `InvalidJson`
 * when it is not JSON; well-formed Unicode, no NUL, bounded depth).
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
      const json = await readBody(c);
      if (json !== undefined) assertSafeInput(json, 'body');
    }
    await next();
  };
