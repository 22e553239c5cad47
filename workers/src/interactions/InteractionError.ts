/**
 * A failure the member should read: bad input (unknown command, wrong option type, a
 * tampered `custom_id`) or a refusal. The framework answers it as an ephemeral message;
 * `code` is the stable name logged with the request id.
 */
export class InteractionError extends Error {
  override name = 'InteractionError';

  constructor(
    message: string,
    public readonly code: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
