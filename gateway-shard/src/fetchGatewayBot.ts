import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayBotInfo } from 'discord-api-types/v10';
import { httpRequest } from './httpRequest';

/** Thrown when `GET /gateway/bot` keeps failing or is refused (e.g. a bad token: 401). */
export class GatewayInfoError extends Error {
  override name = 'GatewayInfoError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * `GET {apiBase}/v10/gateway/bot`: the only REST call the gateway connection needs (shard
 * count, session start limit). Done with `node:http` instead of `@discordjs/rest`, whose
 * load alone (undici, its WebAssembly parser, the rate-limit queues) costs about 10 MB of
 * RSS. Honours 429 `Retry-After` and retries 5xx / transport errors a few times.
 */
export async function fetchGatewayBot(token: string, apiBase = 'https://discord.com/api', attempts = 5): Promise<APIGatewayBotInfo> {
  const url = `${apiBase.replace(/\/+$/, '')}/v10/gateway/bot`;
  let last: Error = new GatewayInfoError(0, 'no attempt made');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let waitMs = Math.min(10_000, 250 * 2 ** attempt);
    try {
      const res = await httpRequest(url, { headers: { authorization: `Bot ${token}`, 'user-agent': 'DiscordBot (edge-admin gateway-shard, 0.1)' }, timeoutMs: 15_000 });
      if (res.status === 200) return JSON.parse(res.text) as APIGatewayBotInfo;
      last = new GatewayInfoError(res.status, `GET /gateway/bot answered ${res.status}`);
      if (res.status !== 429 && res.status < 500) throw last;
      const retryAfter = Number(res.headers['retry-after']);
      if (res.status === 429 && Number.isFinite(retryAfter)) waitMs = retryAfter * 1_000;
    } catch (err) {
      if (err instanceof GatewayInfoError && err.status > 0 && err.status < 500 && err.status !== 429) throw err;
      last = err as Error;
    }
    if (attempt < attempts) await sleep(waitMs);
  }
  throw last;
}
