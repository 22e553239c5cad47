/** An error answered by the Worker's API, in its standard JSON shape. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    public readonly status: number,
    message: string,
    public readonly code?: string,
    public readonly requestId?: string,
    public readonly details?: unknown,
    public readonly retryAfter?: number,
  ) {
    super(message);
  }
}
