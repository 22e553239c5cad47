import type {
  APIUser,
  RESTGetAPICurrentUserGuildsResult,
  RESTPostOAuth2AccessTokenResult,
} from 'discord-api-types/v10';
import { fromDiscordStatus } from '../api/discord/toHttpError';
import type { Config } from '../env';
import { HttpError } from '../errors';
import { DISCORD_USER_AGENT } from '../lib/discordUserAgent';

/** `https://discord.com/api/v10` or the simulator's equivalent. */
export function discordApiUrl(config: Pick<Config, 'DISCORD_API_BASE'>): string {
  return `${(config.DISCORD_API_BASE || 'https://discord.com/api').replace(/\/+$/, '')}/v10`;
}

/** Where the browser is sent to consent. */
export function authorizeUrl(config: Config, state: string): string {
  const base = (config.DISCORD_OAUTH_BASE || 'https://discord.com').replace(/\/+$/, '');
  const url = new URL(`${base}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.DISCORD_CLIENT_ID,
    scope: 'identify guilds',
    redirect_uri: callbackUrl(config),
    state,
  }).toString();
  return url.toString();
}

/** The redirect URI registered with Discord. */
export function callbackUrl(config: Pick<Config, 'PUBLIC_URL'>): string {
  return new URL('/auth/callback', config.PUBLIC_URL).toString();
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), 'user-agent': DISCORD_USER_AGENT }, signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new HttpError(502, 'Discord could not be reached', { code: 'DiscordUnavailable' });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return body as T;
  if (res.status === 400 && (body.error === 'invalid_grant' || body.error === 'invalid_request')) {
    throw new HttpError(401, 'Discord refused the grant; log in again', { code: 'DiscordReauthRequired' });
  }
  if (res.status === 401) throw new HttpError(401, 'Discord no longer accepts this login; log in again', { code: 'DiscordReauthRequired' });
  const retry = Number(body.retry_after ?? res.headers.get('retry-after'));
  throw fromDiscordStatus(res.status, body.code, String(body.message ?? body.error ?? res.statusText), Number.isFinite(retry) ? retry : undefined);
}

function tokenRequest(config: Config, params: Record<string, string>): Promise<RESTPostOAuth2AccessTokenResult> {
  return call(`${discordApiUrl(config)}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(`${config.DISCORD_CLIENT_ID}:${config.DISCORD_CLIENT_SECRET}`)}`,
    },
    body: new URLSearchParams(params).toString(),
  });
}

/** Discord's OAuth2 endpoints used with a user's token (fetch: they are per user, not the bot's buckets). */
export const discordOAuth = {
  exchangeCode: (config: Config, code: string) =>
    tokenRequest(config, { grant_type: 'authorization_code', code, redirect_uri: callbackUrl(config) }),
  refresh: (config: Config, refreshToken: string) => tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }),
  me: (config: Config, accessToken: string) =>
    call<APIUser>(`${discordApiUrl(config)}/users/@me`, { headers: { authorization: `Bearer ${accessToken}` } }),
  guilds: (config: Config, accessToken: string) =>
    call<RESTGetAPICurrentUserGuildsResult>(`${discordApiUrl(config)}/users/@me/guilds?limit=200`, {
      headers: { authorization: `Bearer ${accessToken}` },
    }),
};
