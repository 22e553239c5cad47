/**
 * Discord's identify limits: one Identify per bucket (`shard_id % max_concurrency`) per
 * window, and `session_start_limit.total` per application per day.
 * @see https://discord.com/developers/docs/events/gateway#rate-limiting
 */
export class IdentifyLimiter {
  private readonly lastByBucket = new Map<string, number>();
  private readonly starts = new Map<string, { used: number; resetAt: number }>();

  constructor(
    readonly maxConcurrency: number,
    private readonly windowMs: number,
    private readonly dailyTotal: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes an identify slot; false when the bucket or the daily limit is exhausted. */
  tryAcquire(applicationId: string, shardId: number): boolean {
    const t = this.now();
    const key = `${applicationId}:${shardId % this.maxConcurrency}`;
    const last = this.lastByBucket.get(key);
    if (last !== undefined && t - last < this.windowMs) return false;
    const day = this.day(applicationId, t);
    if (day.used >= this.dailyTotal) return false;
    day.used++;
    this.lastByBucket.set(key, t);
    return true;
  }

  /** The `session_start_limit` object of `GET /gateway/bot`. */
  sessionStartLimit(applicationId: string): { total: number; remaining: number; reset_after: number; max_concurrency: number } {
    const t = this.now();
    const day = this.day(applicationId, t);
    return {
      total: this.dailyTotal,
      remaining: Math.max(0, this.dailyTotal - day.used),
      reset_after: Math.max(0, day.resetAt - t),
      max_concurrency: this.maxConcurrency,
    };
  }

  private day(applicationId: string, t: number): { used: number; resetAt: number } {
    let d = this.starts.get(applicationId);
    if (!d || d.resetAt <= t) {
      d = { used: 0, resetAt: t + 86_400_000 };
      this.starts.set(applicationId, d);
    }
    return d;
  }
}
