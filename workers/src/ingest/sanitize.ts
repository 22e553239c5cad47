/** A lone UTF-16 surrogate (half of a pair): JavaScript strings may hold one, Postgres text and jsonb cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NUL = String.fromCharCode(0);

/** Escapes in a JSON text that decode to something Postgres refuses: U+0000 or a surrogate. */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** `s` with lone surrogates and U+0000 replaced by U+FFFD (what a UTF-8 decoder does with bad bytes). */
export function sanitizeString(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd').replaceAll(NUL, '\ufffd');
}

function deep(v: unknown): unknown {
  if (typeof v === 'string') return sanitizeString(v);
  if (Array.isArray(v)) return v.map(deep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[sanitizeString(k)] = deep(x);
    return out;
  }
  return v;
}

/**
 * Makes every string of a parsed JSON value storable in Postgres. A JSON text can only carry
 * such characters as `\u` escapes (raw surrogates are not UTF-8 and raw U+0000 is not valid
 * JSON), so `text` — the body the value was parsed from — is scanned first and the walk runs
 * only when it holds one: the usual batch costs one regex scan.
 */
export function sanitizeParsed<T>(text: string, value: T): T {
  return SUSPECT_ESCAPE.test(text) ? (deep(value) as T) : value;
}
