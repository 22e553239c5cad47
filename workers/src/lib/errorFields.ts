/** What a log line may say about an error. */
export interface ErrorFields {
  /** The error's class (`DrizzleQueryError`, `TypeError`, ...). */
  error: string;
  /** Postgres SQLSTATE or a library's error code, when there is one. */
  code?: string;
  /** Our own message, only for errors that cannot carry a query, its parameters or a payload. */
  message?: string;
}

const MAX_MESSAGE = 200;

function isDatabaseError(err: Record<string, unknown>): boolean {
  if ('query' in err || 'params' in err) return true;
  if (typeof err.message === 'string' && /^Failed query:/.test(err.message)) return true;
  // node-postgres / Neon errors carry a SQLSTATE and often `detail` with row values.
  return typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && ('severity' in err || 'detail' in err || 'routine' in err);
}

/**
 * The loggable part of an error: its class and code, never a failing query's parameters (a
 * batch of members' messages), a payload or a row value. A database error (drizzle's
 * `Failed query: … params: …`, a Postgres error with `detail`) gives class and SQLSTATE only;
 * other errors keep the first line of their message, cut short.
 */
export function errorFields(err: unknown): ErrorFields {
  if (!err || typeof err !== 'object') return { error: typeof err };
  const e = err as Record<string, unknown> & { name?: string; cause?: unknown };
  const error = (e.constructor && e.constructor !== Object ? e.constructor.name : undefined) || String(e.name ?? 'Error');
  const cause = e.cause && typeof e.cause === 'object' ? (e.cause as Record<string, unknown>) : undefined;
  if (isDatabaseError(e) || (cause && isDatabaseError(cause))) {
    const code = [e.code, cause?.code].find((c): c is string => typeof c === 'string');
    return { error, ...(code && { code }) };
  }
  const message = typeof e.message === 'string' ? e.message.split('\n', 1)[0]!.slice(0, MAX_MESSAGE) : undefined;
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : undefined;
  return { error, ...(code && { code }), ...(message && { message }) };
}
