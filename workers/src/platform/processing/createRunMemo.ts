/** The `memo` of a processing context: see `ProcessingContext.memo`. */
export type RunMemo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * A memo scoped to one processing run (one batch): the first caller of a key starts `load`,
 * the others (the batch's events run side by side) share its promise. Never global, so what it
 * holds is at most one batch old. A rejected load is forgotten, so a later caller tries again
 * instead of inheriting the failure.
 */
export function createRunMemo(): RunMemo {
  const entries = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit) return hit as Promise<T>;
    const p = load();
    entries.set(key, p);
    p.catch(() => {
      if (entries.get(key) === p) entries.delete(key);
    });
    return p;
  };
}
