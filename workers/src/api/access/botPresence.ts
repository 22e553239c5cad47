import type { Redis } from '@upstash/redis/cloudflare';
import { Routes, type RESTGetAPICurrentUserGuildsResult } from 'discord-api-types/v10';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { guilds } from '@edge/drizzle/schema';
import type { Config } from '../../env';
import { HttpError } from '../../errors';
import type { Db } from '../../lib/db';
import { botRest } from '../discord/botRest';
import { toHttpError } from '../discord/toHttpError';

const TTL = 60;

/**
 * Whether the bot is in a guild. The `guilds` table (kept by the gateway) answers first; when
 * it has no live row, Discord is asked with the bot token (cached a minute), so a guild the
 * shard has not reported yet still opens.
 */
export const botPresence = {
  async isPresent(db: Db, redis: Redis, config: Config, guildId: string): Promise<boolean> {
    const [row] = await db.select({ id: guilds.id }).from(guilds).where(and(eq(guilds.id, guildId), isNull(guilds.leftAt)));
    if (row) return true;
    const cacheKey = `bot:present:${guildId}`;
    const hit = await redis.get<number>(cacheKey).catch(() => null);
    if (hit !== null && hit !== undefined) return Number(hit) === 1;
    let present: boolean;
    try {
      await botRest(config).get(Routes.guild(guildId));
      present = true;
    } catch (err) {
      const mapped = toHttpError(err);
      if (mapped.status !== 404 && mapped.status !== 403) throw mapped;
      present = false;
    }
    await redis.set(cacheKey, present ? 1 : 0, { ex: TTL }).catch(() => {});
    return present;
  },

  /** The subset of `ids` the bot is in (database, plus the bot's own first 200 guilds from Discord). */
  async presentAmong(db: Db, redis: Redis, config: Config, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db.select({ id: guilds.id }).from(guilds).where(and(inArray(guilds.id, ids), isNull(guilds.leftAt)));
    const present = new Set(rows.map((r) => r.id));
    let botGuilds = await redis.get<string[]>(`bot:guilds:${config.DISCORD_APPLICATION_ID}`).catch(() => null);
    if (!Array.isArray(botGuilds)) {
      try {
        const list = (await botRest(config).get(Routes.userGuilds(), { query: new URLSearchParams({ limit: '200' }) })) as RESTGetAPICurrentUserGuildsResult;
        botGuilds = list.map((g) => g.id);
        await redis.set(`bot:guilds:${config.DISCORD_APPLICATION_ID}`, botGuilds, { ex: TTL }).catch(() => {});
      } catch (err) {
        if (toHttpError(err).status === 429) botGuilds = [];
        else throw toHttpError(err);
      }
    }
    for (const id of botGuilds) if (ids.includes(id)) present.add(id);
    return present;
  },
};

/** 403 for a guild the bot has not joined. */
export const botNotInGuild = () => new HttpError(403, 'The bot is not in this server; invite it first', { code: 'BotNotInGuild' });
