import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis/cloudflare';

/** The verdict of a rate-limit check. */
export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterMs: number; scope: 'member' | 'guild' };

/** Limits how often a member, and a guild as a whole, may run commands. */
export interface InteractionRateLimiter {
  check(guildId: string | undefined, userId: string): Promise<RateLimitVerdict>;
}

/** Limits of {@link UpstashRateLimiter}: requests per sliding window. */
export interface RateLimitOptions {
  member?: { limit: number; window: `${number} s` };
  guild?: { limit: number; window: `${number} s` };
  /**
   * Milliseconds after which a slow Redis lets the request through (Discord gives us 3 s in
   * all, and the check runs alongside the hub read, so it must not become the bottleneck).
   */
  timeoutMs?: number;
}

/**
 * Sliding-window limits in Upstash Redis, shared across isolates. Members already blocked
 * are refused from the isolate's `ephemeralCache` without a Redis call.
 */
export class UpstashRateLimiter implements InteractionRateLimiter {
  private readonly member: Ratelimit;
  private readonly guild: Ratelimit;

  constructor(redis: Redis, options: RateLimitOptions = {}) {
    const timeout = options.timeoutMs ?? 150;
    const m = options.member ?? { limit: 5, window: '10 s' };
    const g = options.guild ?? { limit: 60, window: '10 s' };
    this.member = new Ratelimit({
      redis, prefix: 'rl:ix:member', limiter: Ratelimit.slidingWindow(m.limit, m.window),
      ephemeralCache: new Map(), timeout, analytics: false,
    });
    this.guild = new Ratelimit({
      redis, prefix: 'rl:ix:guild', limiter: Ratelimit.slidingWindow(g.limit, g.window),
      ephemeralCache: new Map(), timeout, analytics: false,
    });
  }

  async check(guildId: string | undefined, userId: string): Promise<RateLimitVerdict> {
    const [member, guild] = await Promise.all([
      this.member.limit(guildId ? `${guildId}:${userId}` : `dm:${userId}`),
      guildId ? this.guild.limit(guildId) : Promise.resolve(undefined),
    ]);
    if (!member.success) return { ok: false, scope: 'member', retryAfterMs: Math.max(0, member.reset - Date.now()) };
    if (guild && !guild.success) return { ok: false, scope: 'guild', retryAfterMs: Math.max(0, guild.reset - Date.now()) };
    return { ok: true };
  }
}

/** Lets everything through (tests of other parts, the bench's baseline of the framework). */
export const noRateLimit: InteractionRateLimiter = { check: async () => ({ ok: true }) };
