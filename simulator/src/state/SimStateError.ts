/**
 * A failed state operation, carrying the HTTP status and the Discord JSON error code
 * the REST layer answers with (e.g. 404 / 10004 Unknown Guild, 403 / 50013 Missing Permissions).
 */
export class SimStateError extends Error {
  override name = 'SimStateError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}
