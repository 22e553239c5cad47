import { HttpError } from '../errors';

/** Deepest JSON nesting any route accepts: configs and bodies are shallow; 3,000 levels overflowed the hub's stack. */
export const MAX_JSON_DEPTH = 32;

/** A lone UTF-16 surrogate: not Unicode text; Postgres, URL encoding and Discord all refuse it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not acceptable text (a lone surrogate, a NUL), or null. */
export function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
}

/** The first problem in a parsed JSON value (path and reason), walking no deeper than {@link MAX_JSON_DEPTH}. */
export function findUnsafe(value: unknown, path: string[] = [], depth = 0): { path: string; message: string } | null {
  const at = (message: string) => ({ path: path.join('.'), message });
  if (typeof value === 'string') {
    const bad = badText(value);
    return bad ? at(bad) : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) return at(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const key = String(k);
    const badKey = badText(key);
    if (badKey) return { path: [...path, toStorable(key)].join('.'), message: `key ${badKey}` };
    const found = findUnsafe(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses input that would fail after an effect: text that is not well-formed Unicode or
 * holds NUL (Discord, URL-encoded audit reasons and Postgres jsonb refuse it), and JSON nested
 * too deep. 400 `ValidationError` with `details.issues`, before anything is done.
 */
export function assertSafeInput(value: unknown, where: string): void {
  const found = findUnsafe(value);
  if (!found) return;
  const path = [where, found.path].filter(Boolean).join('.');
  throw new HttpError(400, `Invalid ${where}: ${path} ${found.message}`, { code: 'ValidationError', details: { issues: [{ path, message: found.message }] } });
}

const UNSTORABLE = new RegExp(`\u0000|${LONE_SURROGATE.source}`, 'g');

/** `value` with every string storable: lone surrogates and NUL become U+FFFD (for records of what already happened). */
export function toStorable<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => toStorable(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorable(k), toStorable(v, depth + 1)])) as T;
}
