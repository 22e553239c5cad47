import type { MiddlewareHandler } from 'hono';
import { assertSafeInput } from '../../lib/safeInput';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks every input of an API request before any route sees it: the query values, the path's
 * decoded segments and, on writes, a JSON body (well-formed Unicode, no NUL, bounded depth).
 * A body that is not JSON is left to the route, which answers its own 400.
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
      const text = await c.req.text();
      if (text.trim() !== '') {
        let json: unknown;
        let parsed = true;
        try {
          json = JSON.parse(text);
        } catch {
          parsed = false;
        }
        if (parsed) assertSafeInput(json, 'body');
      }
    }
    await next();
  };
