import { Ratelimit } from '@upstash/ratelimit';
import type { MiddlewareHandler } from 'hono';
import { rateLimited } from '../../api/discord/toHttpError';
import { getRedis } from '../../lib/redis';
import type { AuthEnv } from '../AuthEnv';
import { errorFields } from '../../lib/errorFields';

/** Requests allowed per 60-second sliding window in each tier (seed 004 "Rate Limiting"). */
export interface RateLimitTiers {
  global: number;
  auth: number;
  mutation: number;
}

/**
 * Defaults: 300/min overall (seed 004 says 120, but one dashboard page makes 5–10 reads and an
 * admin clicking through must not be refused), 10/min on `/auth`, 30/min on API writes.
 */
export const DEFAULT_TIERS: RateLimitTiers = { global: 300, auth: 10, mutation: 30 };

const limiters = new Map<string, Ratelimit>();

function limiter(c: Parameters<MiddlewareHandler<AuthEnv>>[0], tier: keyof RateLimitTiers, max: number): Ratelimit {
  const redis = getRedis(c.var.config);
  const id = `${c.var.config.UPSTASH_REDIS_REST_URL}|${tier}|${max}`;
  let rl = limiters.get(id);
  if (!rl) {
    // No ephemeral cache: a blocked id stays in memory otherwise, which would outlive a window reset in tests.
    rl = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(max, '60 s'), prefix: `rl:${tier}`, ephemeralCache: false, timeout: 1_000 });
    limiters.set(id, rl);
  }
  return rl;
}

/** The client's address as Cloudflare reports it (it overwrites this header, so it cannot be forged through it). */
export function clientIp(c: { req: { header(name: string): string | undefined } }): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/**
 * Applies the tiers that match the request: `global` (per user when logged in, else per IP),
 * `mutation` on writes when `mutations` is set, `auth` (per IP) on `/auth`. Over the limit →
 * 429 `RateLimited` with `retryAfter`. If Redis fails the request passes (logged): limits
 * protect capacity, they are not an access control.
 */
export const rateLimit = (tiers: RateLimitTiers, scope: 'auth' | 'api'): MiddlewareHandler<AuthEnv> =>
  async function rateLimit(c, next) {
    const user = c.get('user');
    const who = user ? `user:${user.id}` : `ip:${clientIp(c)}`;
    const checks: [keyof RateLimitTiers, string][] = [['global', who]];
    if (scope === 'auth') checks.push(['auth', `ip:${clientIp(c)}`]);
    if (scope === 'api' && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) checks.push(['mutation', who]);
    for (const [tier, key] of checks) {
      try {
        const res = await limiter(c, tier, tiers[tier]).limit(key);
        if (!res.success) throw rateLimited((res.reset - Date.now()) / 1000, tier);
      } catch (err) {
        if ((err as { options?: { code?: string } }).options?.code === 'RateLimited') throw err;
        c.var.log.warn('rate limiter unavailable', { tier, ...errorFields(err) });
      }
    }
    await next();
  };
