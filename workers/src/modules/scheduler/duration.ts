const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Reads a duration such as `2h`, `1d 30m`, `in 45 min` or `90m` into seconds; null when it
 * does not read as one. Only whole numbers of seconds, minutes, hours, days and weeks.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/^in\s+/, '');
  if (!t || t.length > 40) return null;
  let total = 0;
  let rest = t;
  const re = /^\s*(\d{1,5})\s*(s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\b\s*(and\s+|,\s*)?/;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * UNITS[m[2]![0]!]!;
    rest = rest.slice(m[0].length);
  }
  return total > 0 ? total : null;
}
