/** Discord's epoch (2015-01-01T00:00:00Z), see https://discord.com/developers/docs/reference#snowflakes */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates realistic, time-based Discord snowflakes:
 * `(ms since Discord epoch) << 22 | worker << 17 | process << 12 | increment`.
 * Ids from one generator are strictly increasing, even within the same millisecond.
 */
export class SnowflakeGenerator {
  private lastMs = 0n;
  private increment = 0n;

  /** @param now - clock in ms (swappable for deterministic tests and the demo builder) */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly worker = 1n,
    private readonly processId = 0n,
  ) {}

  /** A new id for the current clock time. */
  next(): string {
    return this.at(this.now());
  }

  /** A new id whose timestamp part is `ms` (or later, to stay monotonic). */
  at(ms: number): string {
    let t = BigInt(Math.floor(ms));
    if (t < this.lastMs) t = this.lastMs;
    if (t === this.lastMs) {
      this.increment = (this.increment + 1n) & 0xfffn;
      // 4096 ids in one ms: borrow the next ms so ids stay unique and ordered.
      if (this.increment === 0n) t += 1n;
    } else {
      this.increment = 0n;
    }
    this.lastMs = t;
    return (((t - DISCORD_EPOCH) << 22n) | (this.worker << 17n) | (this.processId << 12n) | this.increment).toString();
  }
}

/** The creation time (ms) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
