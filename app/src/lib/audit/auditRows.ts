/** One audit entry as the page shows it, whichever log it comes from (the dashboard's or Discord's). */
export interface AuditRow {
  key: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetName: string;
  targetHref?: string;
  targetId: string | null;
  details: string;
}

/** The live filters: substrings (case-insensitive) and an inclusive date range (YYYY-MM-DD, local days). */
export interface AuditFilter {
  action: string;
  actor: string;
  target: string;
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { action: '', actor: '', target: '', from: '', to: '' };

const has = (hay: string, needle: string) => !needle.trim() || hay.toLowerCase().includes(needle.trim().toLowerCase());
const dayStart = (d: string) => new Date(`${d}T00:00:00`).getTime();

/** The rows matching every filter that is set. */
export function filterRows(rows: AuditRow[], f: AuditFilter): AuditRow[] {
  const from = f.from ? dayStart(f.from) : -Infinity;
  const to = f.to ? dayStart(f.to) + 86_400_000 : Infinity;
  return rows.filter((r) => {
    const t = Date.parse(r.at);
    return has(r.action, f.action) && has(r.actorName, f.actor) && has(`${r.targetName} ${r.details}`, f.target) && t >= from && t < to;
  });
}

/** True when some filter is set. */
export const isFiltering = (f: AuditFilter) => Object.values(f).some((v) => v.trim() !== '');

/** Rows grouped by local day, newest first, for the timeline: "Today", "Yesterday", or the date. */
export function byDay(rows: AuditRow[], now = new Date()): { label: string; rows: AuditRow[] }[] {
  const key = (d: Date) => d.toLocaleDateString('en-CA');
  const today = key(now);
  const yesterday = key(new Date(now.getTime() - 86_400_000));
  const groups = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const k = key(new Date(r.at));
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  return [...groups].map(([k, list]) => ({
    label: k === today ? 'Today' : k === yesterday ? 'Yesterday' : new Date(`${k}T12:00:00`).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    rows: list,
  }));
}
