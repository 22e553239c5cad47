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

/**
 * Member events that change only what the dashboard lists (the member list and count), and
 * that come with every join and leave: dropped only while a dashboard of the guild is open.
 * Otherwise the 30 s TTL bounds how old a list can be when one opens; decisions read members
 * fresh (`guildData.member`), never from that list.
 */
const DISPLAY_ONLY = new Set(['GUILD_MEMBER_ADD', 'GUILD_MEMBER_REMOVE', 'GUILD_MEMBER_UPDATE']);

/** Which gateway events to act on: all, or (`watched: false`) those that matter without a dashboard open. */
export interface ForgetOptions {
  watched: boolean;
}

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
/**
 * Large values kept parsed in this isolate, each with the stamp it was stored under in Redis
 * (`<key>:v`): a reader whose stamp matches Redis' current one skips reading and parsing the
 * value again (a thousand members: ~2 ms of CPU per request). A stamp changes on every store and
 * disappears with `forget`, so a memo never outlives what Redis holds.
 */
const memos = new Map<string, { stamp: string; value: unknown }>();
const MEMO_ENTRIES = 32;

async function readStamped<T>(redis: Redis, k: string, load: () => Promise<T>): Promise<T> {
  const stamp = await redis.get<string>(`${k}:v`).catch(() => null);
  const memo = memos.get(k);
  if (typeof stamp === 'string' && memo?.stamp === stamp) return memo.value as T;
  let value = typeof stamp === 'string' ? await redis.get<T>(k).catch(() => null) : null;
  let current = stamp;
  if (value === null || value === undefined) {
    value = await load();
    current = crypto.randomUUID();
    // One pipeline, value before stamp: a reader who sees the new stamp finds the new value.
    await Promise.all([
      redis.set(k, value, { ex: DISCORD_CACHE_TTL_SECONDS }),
      redis.set(`${k}:v`, current, { ex: DISCORD_CACHE_TTL_SECONDS }),
    ]).catch(() => {});
  }
  memos.delete(k);
  if (memos.size >= MEMO_ENTRIES) memos.delete(memos.keys().next().value!);
  memos.set(k, { stamp: current!, value });
  return value;
}

export const discordCache = {
  /** Reads a cached kind (`stamped`: kept parsed in the isolate while Redis holds the same copy, for large values). */
  read<T>(redis: Redis, guildId: string, kind: CachedKind, load: () => Promise<T>, opts: { stamped?: boolean } = {}): Promise<T> {
    const k = key(guildId, kind);
    const memo = requestReads.getStore();
    const seen = memo?.get(k) as Promise<T> | undefined;
    if (seen) return seen;
    const read: Promise<T> = (async () => {
      if (opts.stamped) return readStamped(redis, k, load);
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
  changes(events: { guildId: string | null; type: string }[], opts: ForgetOptions = { watched: true }): boolean {
    return events.some((e) => e.guildId && KINDS_BY_EVENT[e.type] && (opts.watched || !DISPLAY_ONLY.has(e.type)));
  },

  /**
   * Drops what gateway events say changed (members joining, leaving, banned…), so the dashboard
   * shows a change made in Discord itself without waiting for the TTL. Each call is one Upstash
   * command, so member-only changes are skipped while nobody has the dashboard open.
   */
  async forgetChanged(redis: Redis, events: { guildId: string | null; type: string }[], opts: ForgetOptions = { watched: true }): Promise<void> {
    const byGuild = new Map<string, Set<CachedKind>>();
    for (const e of events) {
      const kinds = e.guildId ? KINDS_BY_EVENT[e.type] : undefined;
      if (!kinds || (!opts.watched && DISPLAY_ONLY.has(e.type))) continue;
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
    for (const k of kinds) {
      memo?.delete(key(guildId, k));
      memos.delete(key(guildId, k));
    }
    await redis.del(...kinds.flatMap((k) => [key(guildId, k), `${key(guildId, k)}:v`])).catch(() => {});
  },
};
