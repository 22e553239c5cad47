import type { Redis } from '@upstash/redis/cloudflare';
import { userGuilds } from '../../auth/userGuilds';
import type { Config } from '../../env';
import { HttpError } from '../../errors';
import type { Db } from '../../lib/db';
import { botNotInGuild, botPresence } from './botPresence';
import { grants } from './grants';
import { levelFromDiscord, strongest, type AccessLevel } from './levels';

/** What the resolver needs: the request's database, Redis and config. */
export interface AccessDeps {
  db: Db;
  redis: Redis;
  config: Config;
}

/**
 * The access level `userId` has on `guildId`, or a 403: the bot must be in the guild AND the
 * user must own it, have Administrator or Manage Server there (Discord's list, cached two
 * minutes), or hold a dashboard grant. Used by every `/api/guilds/:guildId/*` route and the
 * hub WebSocket.
 */
export async function resolveGuildAccess(deps: AccessDeps, userId: string, guildId: string): Promise<AccessLevel> {
  const { db, redis, config } = deps;
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
