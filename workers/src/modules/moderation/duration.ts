const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Seconds in a duration typed by a moderator: `90s`, `10m`, `1h30m`, `7d`, `2w`; a bare number
 * is minutes. Null when it cannot be read.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return Number(t) * 60;
  const parts = [...t.matchAll(/(\d+)([smhdw])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/** `3600` → `1 hour`, `90000` → `1 day 1 hour` (the two largest units). */
export function formatDuration(seconds: number): string {
  const out: string[] = [];
  let rest = seconds;
  for (const [name, size] of [['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60], ['second', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n} ${name}${n > 1 ? 's' : ''}`);
    rest -= n * size;
  }
  return out.slice(0, 2).join(' ') || '0 seconds';
}
