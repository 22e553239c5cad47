import { AsyncLocalStorage } from 'node:async_hooks';
import type { Redis } from '@upstash/redis/cloudflare';

/** What is cached per guild; each kind is dropped by our own writes to it. */
export type CachedKind = 'guild' | 'channels' | 'roles' | 'members' | 'bans';

/** Seconds a Discord read is reused: short, since Discord changes without us. */
export const DISCORD_CACHE_TTL_SECONDS = 30;

/** Cached kinds each gateway event makes stale. */
const KINDS_BY_EVENT: Record<string, CachedKind[]> = {
  GUILD_MEMBER_ADD: ['members', 'guild'],
  GUILD_MEMBER_REMOVE: ['members', 'guild'],
  GUILD_MEMBER_UPDATE: ['members'],
  GUILD_BAN_ADD: ['bans', 'members'],
  GUILD_BAN_REMOVE: ['bans'],
  GUILD_UPDATE: ['guild'],
  CHANNEL_CREATE: ['channels'],
  CHANNEL_UPDATE: ['channels'],
  CHANNEL_DELETE: ['channels'],
  GUILD_ROLE_CREATE: ['roles'],
  GUILD_ROLE_UPDATE: ['roles'],
  GUILD_ROLE_DELETE: ['roles'],
};

const key = (guildId: string, kind: CachedKind) => `dc:${guildId}:${kind}`;

/**
 * The reads of the current request (see {@link withDiscordReads}): within one request, readers
 * of one key share one Redis read and at most one Discord call, concurrent or not. Never shared
 * across requests (workerd does not let one request wait on another's I/O).
 */
const requestReads = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `fn` (a request's handling) with its own memo of Discord reads. */
export function withDiscordReads<T>(fn: () => Promise<T>): Promise<T> {
  return requestReads.run(new Map(), fn);
}

/**
 * Short-lived Redis cache of Discord reads (seed 000 "Cache avec TTL"). Redis failures are
 * ignored: the read then goes to Discord.
 */
export const discordCache = {
  read<T>(redis: Redis, guildId: string, kind: CachedKind, load: () => Promise<T>): Promise<T> {
    const k = key(guildId, kind);
    const memo = requestReads.getStore();
    const seen = memo?.get(k) as Promise<T> | undefined;
    if (seen) return seen;
    const read: Promise<T> = (async () => {
      const hit = await redis.get<T>(k).catch(() => null);
      if (hit !== null && hit !== undefined) return hit;
      const value = await load();
      await redis.set(k, value, { ex: DISCORD_CACHE_TTL_SECONDS }).catch(() => {});
      return value;
    })();
    if (memo) {
      memo.set(k, read);
      // A failed read is not remembered: the next reader tries again.
      read.catch(() => memo.get(k) === read && memo.delete(k));
    }
    return read;
  },

  /** Whether any of `events` makes a cached kind stale (else {@link forgetChanged} has nothing to do). */
  changes(events: { guildId: string | null; type: string }[]): boolean {
    return events.some((e) => e.guildId && KINDS_BY_EVENT[e.type]);
  },

  /**
   * Drops what gateway events say changed (members joining, leaving, banned…), so the dashboard
   * shows a change made in Discord itself without waiting for the TTL.
   */
  async forgetChanged(redis: Redis, events: { guildId: string | null; type: string }[]): Promise<void> {
    const byGuild = new Map<string, Set<CachedKind>>();
    for (const e of events) {
      const kinds = e.guildId ? KINDS_BY_EVENT[e.type] : undefined;
      if (!kinds) continue;
      const set = byGuild.get(e.guildId!) ?? new Set();
      for (const k of kinds) set.add(k);
      byGuild.set(e.guildId!, set);
    }
    await Promise.all([...byGuild].map(([g, kinds]) => discordCache.forget(redis, g, ...kinds)));
  },

  /** Drops cached kinds after a write of ours, so the next read shows it. */
  async forget(redis: Redis, guildId: string, ...kinds: CachedKind[]): Promise<void> {
    // What this request read before its write is stale now.
    const memo = requestReads.getStore();
    for (const k of kinds) memo?.delete(key(guildId, k));
    await redis.del(...kinds.map((k) => key(guildId, k))).catch(() => {});
  },
};
