import { SimStateError } from '../state/index.js';

/** Discord's 403 Missing Permissions (50013). */
export const missingPermissions = (): SimStateError => new SimStateError(403, 50013, 'Missing Permissions');

/** Discord's 403 Missing Access (50001): the caller cannot see the resource. */
export const missingAccess = (): SimStateError => new SimStateError(403, 50001, 'Missing Access');

/** Discord's 401 (code 0). */
export const unauthorized = (): SimStateError => new SimStateError(401, 0, '401: Unauthorized');

/** Discord's 404 for an unknown route (code 0). */
export const notFound = (): SimStateError => new SimStateError(404, 0, '404: Not Found');

/**
 * A 400 Invalid Form Body (50035) with Discord's nested `errors` object:
 * `{ field: { _errors: [{ code, message }] } }`.
 */
export function invalidFormBody(fields: Record<string, string>, code = 'BASE_TYPE_INVALID'): SimStateError {
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(fields)) {
    const parts = path.split('.').filter(Boolean);
    let node = errors;
    for (const p of parts) node = (node[p] ??= {}) as Record<string, unknown>;
    node._errors = [{ code, message }];
  }
  return new SimStateError(400, 50035, 'Invalid Form Body', errors);
}
