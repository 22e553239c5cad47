const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses an `Upstash-Delay` value (`10s`, `1m`, `2h`, `1d`, `500ms`, or combined like `1m30s`)
 * into milliseconds; undefined when malformed.
 */
export function parseDelay(value: string): number | undefined {
  const v = value.trim();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(v)) return undefined;
  let total = 0;
  for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}
