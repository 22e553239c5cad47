/** One changed leaf between two JSON values. */
export interface DiffEntry {
  /** Dotted path (`embed.color`, `autoroles.1`); empty for the root. */
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Lists the leaves that differ between two JSON values (objects and arrays walked by key). */
export function diffJson(before: unknown, after: unknown, path = ''): DiffEntry[] {
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diffJson(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
