import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../types';
import { HttpError, reasonPhrase } from './HttpError';
import { errorFields } from '../lib/errorFields';
import type { ErrorBody } from './ErrorBody';

/** A 400's details always say what to fix as `issues` (the message, when no field is to blame). */
function withIssues(details: unknown, message: string): unknown {
  const base = details !== null && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : details === undefined ? {} : { value: details };
  return Array.isArray(base.issues) ? base : { ...base, issues: [{ path: '', message }] };
}

/** Builds the standard error response for a status and message. */
export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  message: string,
  extra: { code?: string; details?: unknown; headers?: Record<string, string> } = {},
): Response {
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  const body: ErrorBody = {
    statusCode: status,
    error: reasonPhrase(status),
    message,
    ...(extra.code ? { code: extra.code } : {}),
    ...(status === 400 ? { details: withIssues(extra.details, message) } : extra.details !== undefined ? { details: extra.details } : {}),
    requestId,
    timestamp: new Date().toISOString(),
    path: c.req.path,
  };
  return c.json(body, status, { 'x-request-id': requestId, ...extra.headers });
}

/**
 * Hono `onError` handler: typed errors keep their status; anything else is a 500 whose
 * message hides internals (the log line has the detail, tied by request id).
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HttpError) {
    if (err.status >= 500) c.get('log')?.error('request failed', { status: err.status, message: err.message, code: err.code });
    return errorResponse(c, err.status, err.message, err.options);
  }
  if (err instanceof HTTPException) {
    // Hono's own refusals (a body of another media type: 415): same shape as ours.
    return errorResponse(c, err.status as ContentfulStatusCode, err.message || reasonPhrase(err.status), err.status === 415 ? { code: 'UnsupportedMediaType' } : {});
  }
  c.get('log')?.error('unhandled error', { ...errorFields(err), frames: err.stack?.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n') });
  return errorResponse(c, 500, 'Internal error; quote the request id when reporting it');
}
