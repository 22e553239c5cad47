/** A shared "now" that ticks every 30 s, so relative times stay true without one timer each. */
class Clock {
  now = $state(Date.now());
  private started = false;
  /** Starts the tick on first use (in the browser only). */
  read(): number {
    if (!this.started && typeof window !== 'undefined') {
      this.started = true;
      setInterval(() => (this.now = Date.now()), 30_000);
    }
    return this.now;
  }
}

export const clock = new Clock();

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]];

/** "just now", "5 minutes ago", "yesterday", "in 3 days". */
export function relativeTime(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (Math.abs(s) < 45) return 'just now';
  for (const [unit, size] of UNITS) if (Math.abs(s) >= size || unit === 'minute') return rtf.format(Math.round(s / size), unit);
  return 'just now';
}
