import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Reason phrases for the statuses the API answers with. */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Returns the reason phrase for an HTTP status. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

/**
 * An error that becomes a JSON response in the standard shape
 * (`{statusCode, error, message, requestId, timestamp, path}`).
 * `code` is a stable machine-readable name (e.g. `TokenExpired`); `details` adds context
 * (validation issues, retry time) and must never hold a secret.
 */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    public readonly status: ContentfulStatusCode,
    message: string,
    public readonly options: { code?: string; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  get code(): string | undefined {
    return this.options.code;
  }
}
