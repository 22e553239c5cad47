import type { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../env';
import type { Db } from '../lib/db';
import { discordOAuth } from './discordOAuth';
import { discordTokens } from './discordTokens';

/** One guild of the user's Discord guild list, as much as access decisions need. */
export interface UserGuild {
  id: string;
  name: string;
  icon: string | null;
  owner: boolean;
  /** The user's permissions there, a bitfield as a decimal string. */
  permissions: string;
}

/** How long the list is trusted: a removed admin loses access within this time. */
export const USER_GUILDS_TTL_SECONDS = 120;

const key = (userId: string) => `auth:user-guilds:${userId}`;

/**
 * The user's guilds and permissions from Discord (`/users/@me/guilds` with their OAuth token),
 * cached in Redis for two minutes; Redis failures fall back to asking Discord.
 */
export const userGuilds = {
  async list(db: Db, redis: Redis, config: Config, userId: string): Promise<UserGuild[]> {
    const cached = await redis.get<UserGuild[]>(key(userId)).catch(() => null);
    if (Array.isArray(cached)) return cached;
    const token = await discordTokens.accessToken(db, config, userId);
    const list: UserGuild[] = (await discordOAuth.guilds(config, token)).map((g) => ({
      id: g.id,
      name: g.name,
      icon: g.icon ?? null,
      owner: g.owner === true,
      permissions: String(g.permissions ?? '0'),
    }));
    await redis.set(key(userId), list, { ex: USER_GUILDS_TTL_SECONDS }).catch(() => {});
    return list;
  },

  /** Drops the cached list (after login, so fresh permissions are read). */
  async forget(redis: Redis, userId: string): Promise<void> {
    await redis.del(key(userId));
  },
};
