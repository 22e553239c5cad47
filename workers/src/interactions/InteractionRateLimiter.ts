import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis/cloudflare';

/** The verdict of a rate-limit check. */
export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterMs: number; scope: 'member' | 'guild' };

/**
 * What a member did. Commands and modal submits start work and share one budget; component
 * presses (paging `/help`, a counter) are many small steps of one action and get their own,
 * so flipping pages cannot lock a member out of commands (nor the reverse). Autocomplete is
 * never limited: Discord sends one per keystroke, and an empty list would break typing.
 */
export type RateLimitKind = 'command' | 'component';

/** Limits how often a member, and a guild as a whole, may run commands. */
export interface InteractionRateLimiter {
  check(guildId: string | undefined, userId: string, kind?: RateLimitKind): Promise<RateLimitVerdict>;
}

/** Limits of {@link UpstashRateLimiter}: requests per sliding window. */
export interface RateLimitOptions {
  /** Commands and modal submits per member (default 5 per 10 s). */
  member?: { limit: number; window: `${number} s` };
  /** Component presses per member (default 20 per 10 s). */
  component?: { limit: number; window: `${number} s` };
  /** Everything of a guild together (default 60 per 10 s). */
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
  private readonly component: Ratelimit;
  private readonly guild: Ratelimit;

  constructor(redis: Redis, options: RateLimitOptions = {}) {
    const timeout = options.timeoutMs ?? 150;
    const m = options.member ?? { limit: 5, window: '10 s' };
    const k = options.component ?? { limit: 20, window: '10 s' };
    const g = options.guild ?? { limit: 60, window: '10 s' };
    this.member = new Ratelimit({
      redis, prefix: 'rl:ix:member', limiter: Ratelimit.slidingWindow(m.limit, m.window),
      ephemeralCache: new Map(), timeout, analytics: false,
    });
    this.component = new Ratelimit({
      redis, prefix: 'rl:ix:component', limiter: Ratelimit.slidingWindow(k.limit, k.window),
      ephemeralCache: new Map(), timeout, analytics: false,
    });
    this.guild = new Ratelimit({
      redis, prefix: 'rl:ix:guild', limiter: Ratelimit.slidingWindow(g.limit, g.window),
      ephemeralCache: new Map(), timeout, analytics: false,
    });
  }

  async check(guildId: string | undefined, userId: string, kind: RateLimitKind = 'command'): Promise<RateLimitVerdict> {
    const bucket = kind === 'component' ? this.component : this.member;
    const [member, guild] = await Promise.all([
      bucket.limit(guildId ? `${guildId}:${userId}` : `dm:${userId}`),
      guildId ? this.guild.limit(guildId) : Promise.resolve(undefined),
    ]);
    if (!member.success) return { ok: false, scope: 'member', retryAfterMs: Math.max(0, member.reset - Date.now()) };
    if (guild && !guild.success) return { ok: false, scope: 'guild', retryAfterMs: Math.max(0, guild.reset - Date.now()) };
    return { ok: true };
  }
}

/** Lets everything through (tests of other parts, the bench's baseline of the framework). */
export const noRateLimit: InteractionRateLimiter = { check: async () => ({ ok: true }) };
