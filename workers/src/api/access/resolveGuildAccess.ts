import type { Redis } from '@upstash/redis/cloudflare';
import { userGuilds } from '../../auth/userGuilds';
import type { Config } from '../../env';
import { HttpError } from '../../errors';
import type { Db } from '../../lib/db';
import { botNotInGuild, botPresence } from './botPresence';
import { grants } from './grants';
import { ACCESS_LEVELS, levelFromDiscord, strongest, type AccessLevel } from './levels';

/** What the resolver needs: the request's database (opened only when the level is not cached), Redis and config. */
export interface AccessDeps {
  db: () => Db;
  redis: Redis;
  config: Config;
}

/**
 * Seconds a granted level is reused: a dashboard page's burst of requests then opens no Postgres
 * connection for the access check (one read of Redis instead of two statements and the
 * connection, ~3 ms of CPU in workerd, issue 11). Grant changes drop it at once.
 */
export const ACCESS_CACHE_SECONDS = 30;

const accessKey = (guildId: string, userId: string) => `auth:access:${guildId}:${userId}`;

/** Drops a user's cached level on a guild (after their grant changed). */
export async function forgetGuildAccess(redis: Redis, guildId: string, userId: string): Promise<void> {
  await redis.del(accessKey(guildId, userId));
}

/**
 * The access level `userId` has on `guildId`, or a 403: the bot must be in the guild AND the
 * user must own it, have Administrator or Manage Server there (Discord's list, cached two
 * minutes), or hold a dashboard grant. Used by every `/api/guilds/:guildId/*` route and the
 * hub WebSocket. An allowed level is cached {@link ACCESS_CACHE_SECONDS}; refusals are not.
 */
export async function resolveGuildAccess(deps: AccessDeps, userId: string, guildId: string): Promise<AccessLevel> {
  const { redis } = deps;
  const cached = await redis.get<string>(accessKey(guildId, userId)).catch(() => null);
  if (typeof cached === 'string' && (ACCESS_LEVELS as readonly string[]).includes(cached)) return cached as AccessLevel;
  const level = await resolveFresh(deps, userId, guildId);
  await redis.set(accessKey(guildId, userId), level, { ex: ACCESS_CACHE_SECONDS }).catch(() => {});
  return level;
}

async function resolveFresh(deps: AccessDeps, userId: string, guildId: string): Promise<AccessLevel> {
  const { redis, config } = deps;
  const db = deps.db();
  const granted = await grants.levelOf(db, guildId, userId);
  let fromDiscord: AccessLevel | null = null;
  try {
    const g = (await userGuilds.list(db, redis, config, userId)).find((x) => x.id === guildId);
    if (g) fromDiscord = levelFromDiscord(g.owner, g.permissions);
  } catch (err) {
    // A grant stands on its own; without one, Discord's answer (e.g. re-login needed) is the answer.
    if (!granted) throw err;
  }
  const level = strongest(fromDiscord, granted);
  if (!level) throw new HttpError(403, 'You do not have access to this server', { code: 'NoGuildAccess' });
  if (!(await botPresence.isPresent(db, redis, config, guildId))) throw botNotInGuild();
  return level;
}
