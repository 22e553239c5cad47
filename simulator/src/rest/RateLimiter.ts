import { createHash } from 'node:crypto';

/** A 429 a test asked for. */
export interface ForcedLimit {
  /** Seconds the client must wait (`retry_after`). */
  retryAfter?: number;
  /** How many matching requests get a 429 (default 1). */
  count?: number;
  /** A global limit (`global: true`, `X-RateLimit-Global`). */
  global?: boolean;
}

interface Forced {
  method: string;
  re: RegExp;
  pattern: string;
  left: number;
  retryAfter: number;
  global: boolean;
}

/** What one request gets: headers always, and a 429 body when limited. */
export interface RateDecision {
  headers: Record<string, string>;
  limited?: { retry_after: number; global: boolean; message: string; code?: number };
}

const MAJOR = new Set(['channels', 'guilds', 'webhooks']);

/** `/guilds/1/members/2` → route `/guilds/1/members/:id` (major parameters kept, as Discord buckets them). */
export function routeKey(path: string): string {
  const parts = path.split('/');
  return parts.map((p, i) => (/^\d{5,}$/.test(p) && !MAJOR.has(parts[i - 1] ?? '') ? ':id' : p)).join('/');
}

/**
 * Discord-like per-route rate limits: every response carries `X-RateLimit-*` headers; a bucket
 * allows `limit` requests per `windowMs`, and tests can force 429s on a route with {@link force}.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private forced: Forced[] = [];
  /** 429s sent, for assertions: method, path, retryAfter, global. */
  readonly sent: { method: string; path: string; retryAfter: number; global: boolean }[] = [];

  constructor(
    private readonly limit = 50,
    private readonly windowMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Makes the next `count` requests matching `method` (or `*`) and `pattern` answer 429.
   * `pattern` is a path under `/api/v10` with `:params` and `*`, e.g. `/guilds/:g/bans/:u`.
   */
  force(method: string, pattern: string, opts: ForcedLimit = {}): void {
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+').replace(/\*/g, '.*')}$`);
    this.forced.push({ method: method.toUpperCase(), re, pattern, left: opts.count ?? 1, retryAfter: opts.retryAfter ?? 1, global: opts.global ?? false });
  }

  /** Removes every forced limit. */
  clear(): void {
    this.forced = [];
  }

  /** Decides for one request; `path` is relative to `/api/v10`. */
  check(method: string, path: string): RateDecision {
    const now = this.now();
    const route = `${method} ${routeKey(path)}`;
    const bucket = createHash('sha1').update(`${method} ${routeKey(path).replace(/\d{5,}/g, '')}`).digest('hex').slice(0, 32);
    let w = this.windows.get(route);
    if (!w || now - w.start >= this.windowMs) this.windows.set(route, (w = { start: now, used: 0 }));
    w.used += 1;
    const resetAfter = Math.max(0, (w.start + this.windowMs - now) / 1000);
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - w.used)),
      'X-RateLimit-Reset': ((w.start + this.windowMs) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfter.toFixed(3),
      'X-RateLimit-Bucket': bucket,
    };
    const f = this.forced.find((x) => x.left > 0 && (x.method === '*' || x.method === method) && x.re.test(path));
    if (f) {
      f.left -= 1;
      this.forced = this.forced.filter((x) => x.left > 0);
      return this.limited(method, path, headers, f.retryAfter, f.global, f.global ? 'global' : 'user');
    }
    if (w.used > this.limit) return this.limited(method, path, headers, resetAfter, false, 'user');
    return { headers };
  }

  private limited(method: string, path: string, headers: Record<string, string>, retryAfter: number, global: boolean, scope: string): RateDecision {
    this.sent.push({ method, path, retryAfter, global });
    const h: Record<string, string> = { ...headers, 'Retry-After': String(Math.ceil(retryAfter)), 'X-RateLimit-Scope': scope };
    if (global) {
      h['X-RateLimit-Global'] = 'true';
    } else {
      h['X-RateLimit-Remaining'] = '0';
      h['X-RateLimit-Reset-After'] = retryAfter.toFixed(3);
      h['X-RateLimit-Reset'] = ((this.now() + retryAfter * 1000) / 1000).toFixed(3);
    }
    return { headers: h, limited: { message: 'You are being rate limited.', retry_after: retryAfter, global, ...(global ? { code: 0 } : {}) } };
  }
}
