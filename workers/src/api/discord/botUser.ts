import { Routes, type APIUser } from 'discord-api-types/v10';
import type { Redis } from '@upstash/redis/cloudflare';
import type { REST } from '@discordjs/rest';
import type { Config } from '../../env';
import { discordCall } from './botRest';

const TTL = 3600;

/** The bot's own user id (`GET /users/@me` with its token), cached an hour per application. */
export async function botUserId(d: { rest: REST; redis: Redis; config: Pick<Config, 'DISCORD_APPLICATION_ID'> }): Promise<string> {
  const key = `bot:user:${d.config.DISCORD_APPLICATION_ID}`;
  const hit = await d.redis.get<string>(key).catch(() => null);
  if (typeof hit === 'string' && hit) return hit;
  const me = await discordCall<APIUser>(() => d.rest.get(Routes.user('@me')));
  await d.redis.set(key, me.id, { ex: TTL }).catch(() => {});
  return me.id;
}
