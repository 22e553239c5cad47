/**
 * A copy of `value` holding only `paths` (dotted: `author.id` keeps `{ author: { id } }`).
 * Missing paths are skipped; a path that reaches a non-object keeps what is there.
 */
export function project(value: unknown, paths: readonly string[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let src = value as Record<string, unknown>;
    let dst = out;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (!(k in src)) break;
      const v = src[k];
      if (i === keys.length - 1 || !v || typeof v !== 'object' || Array.isArray(v)) {
        dst[k] = v;
        break;
      }
      dst = (dst[k] ??= {}) as Record<string, unknown>;
      src = v as Record<string, unknown>;
    }
  }
  return out;
}
