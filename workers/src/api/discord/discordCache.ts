import type { Redis } from '@upstash/redis/cloudflare';

/** What is cached per guild; each kind is dropped by our own writes to it. */
export type CachedKind = 'guild' | 'channels' | 'roles' | 'members' | 'bans';

/** Seconds a Discord read is reused: short, since Discord changes without us. */
export const DISCORD_CACHE_TTL_SECONDS = 30;

const key = (guildId: string, kind: CachedKind) => `dc:${guildId}:${kind}`;

/**
 * Short-lived Redis cache of Discord reads (seed 000 "Cache avec TTL"). Redis failures are
 * ignored: the read then goes to Discord.
 */
export const discordCache = {
  async read<T>(redis: Redis, guildId: string, kind: CachedKind, load: () => Promise<T>): Promise<T> {
    const hit = await redis.get<T>(key(guildId, kind)).catch(() => null);
    if (hit !== null && hit !== undefined) return hit;
    const value = await load();
    await redis.set(key(guildId, kind), value, { ex: DISCORD_CACHE_TTL_SECONDS }).catch(() => {});
    return value;
  },

  /** Drops cached kinds after a write of ours, so the next read shows it. */
  async forget(redis: Redis, guildId: string, ...kinds: CachedKind[]): Promise<void> {
    await redis.del(...kinds.map((k) => key(guildId, k))).catch(() => {});
  },
};
