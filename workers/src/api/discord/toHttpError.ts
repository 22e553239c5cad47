import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { HttpError } from '../../errors';

/** 429 in the standard shape with `details.retryAfter` (seconds) and a `Retry-After` header. */
export function rateLimited(retryAfterSeconds: number, scope: string): HttpError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpError(429, `Rate limited (${scope}); retry in ${retryAfter} s`, {
    code: 'RateLimited',
    details: { retryAfter, scope },
    headers: { 'retry-after': String(retryAfter) },
  });
}

/** Maps a Discord status (+ JSON error code) to our error. Never a 500: Discord's failures are 4xx or 502. */
export function fromDiscordStatus(status: number, discordCode: unknown, message: string, retryAfterSeconds?: number): HttpError {
  if (status === 429) return rateLimited(retryAfterSeconds ?? 5, 'discord');
  if (status === 403) {
    const hint =
      discordCode === 50013
        ? 'the bot lacks a permission or the target is above its highest role'
        : discordCode === 50001
          ? 'Missing Access: the bot cannot see that channel or server (it needs View Channel there)'
          : message;
    return new HttpError(403, `Discord refused the action: ${hint}`, { code: 'DiscordForbidden', details: { discordCode } });
  }
  if (status === 404) return new HttpError(404, `Not found on Discord: ${message}`, { code: 'NotFound', details: { discordCode } });
  if (status === 401) return new HttpError(502, 'Discord rejected the bot credentials', { code: 'DiscordUnavailable' });
  if (status >= 400 && status < 500) {
    return new HttpError(400, `Discord rejected the request: ${message}`, { code: 'DiscordBadRequest', details: { discordCode } });
  }
  return new HttpError(502, `Discord is unavailable (${status})`, { code: 'DiscordUnavailable' });
}

/**
 * Turns anything `@discordjs/rest` throws into an {@link HttpError}: rate limits → 429 with a
 * retry time, Missing Permissions → 403 with a clear message, network errors → 502.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof RateLimitError) return rateLimited(err.retryAfter / 1000, err.global ? 'discord-global' : 'discord');
  if (err instanceof DiscordAPIError) return fromDiscordStatus(err.status, err.code, err.message);
  if (err instanceof HTTPError) return fromDiscordStatus(err.status, undefined, err.message);
  // Thrown before anything was sent (e.g. an audit-log reason that cannot be URL-encoded): the input's fault, not an outage.
  if (err instanceof URIError) return new HttpError(400, 'The request holds text that cannot be sent to Discord (malformed Unicode)', { code: 'ValidationError' });
  return new HttpError(502, 'Discord could not be reached', { code: 'DiscordUnavailable' });
}
