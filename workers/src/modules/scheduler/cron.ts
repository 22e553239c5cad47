/**
 * Cron-like schedules evaluated in a time zone: five fields (minute hour day-of-month month
 * day-of-week) with `*`, lists, ranges and steps (`0 9 * * 1-5`: weekdays at 09:00). Pure and
 * shared with the dashboard (its calendar shows the same occurrences the jobs deliver).
 */
export interface Cron {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Day of month and day of week both restricted: either matches (as in cron). */
  dayOr: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** A schedule that does not parse, with a message an admin can act on. */
export class CronError extends Error {}

function field(text: string, f: (typeof FIELDS)[number]): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) throw new CronError(`the ${f.name} field “${part}” is not a number, range, list or step`);
    const lo = m[1] === '*' ? f.min : Number(m[2]);
    const hi = m[1] === '*' ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] ? f.max : lo;
    const step = m[4] ? Number(m[4]) : 1;
    if (lo < f.min || hi > f.max || lo > hi || step < 1) throw new CronError(`the ${f.name} field “${part}” is outside ${f.min}–${f.max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses a five-field schedule; throws {@link CronError}. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError('a schedule has five fields: minute hour day-of-month month day-of-week');
  const [mi, h, d, mo, wd] = parts.map((p, i) => field(p, FIELDS[i]!)) as [number[], number[], number[], number[], number[]];
  return {
    minutes: mi, hours: h, days: new Set(d), months: new Set(mo), weekdays: new Set(wd.map((x) => x % 7)),
    dayOr: parts[2] !== '*' && parts[4] !== '*',
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) formats.set(tz, (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })));
  return f;
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    format(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone (month 1–12). */
export function zoned(ms: number, tz: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const p: Record<string, number> = {};
  for (const x of format(tz).formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour! % 24, mi: p.minute! };
}

/** The instant a wall-clock time in `tz` names (the later offset wins in a DST overlap). */
export function fromZoned(y: number, mo: number, d: number, h: number, mi: number, tz: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (ms: number) => {
    const z = zoned(ms, tz);
    return Date.UTC(z.y, z.mo - 1, z.d, z.h, z.mi) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return second;
}

/** The first occurrence of `cron` in `tz` strictly after `after` (ms), within about five years; null when none. */
export function nextOccurrence(cron: Cron, after: number, tz: string): number | null {
  const start = zoned(after, tz);
  for (let i = 0; i < 366 * 5; i++) {
    const day = new Date(Date.UTC(start.y, start.mo - 1, start.d + i));
    const y = day.getUTCFullYear(), mo = day.getUTCMonth() + 1, d = day.getUTCDate(), wd = day.getUTCDay();
    if (!cron.months.has(mo)) continue;
    const dom = cron.days.has(d), dow = cron.weekdays.has(wd);
    if (cron.dayOr ? !(dom || dow) : !(dom && dow)) continue;
    for (const h of cron.hours) {
      if (i === 0 && h < start.h) continue;
      for (const mi of cron.minutes) {
        const t = fromZoned(y, mo, d, h, mi, tz);
        if (t > after) return t;
      }
    }
  }
  return null;
}
