import type { AuditEntry } from '../api/shapes';
import { toCsv } from '../export/toCsv';

/** The actor filter's value for entries made by the system (no user). */
export const SYSTEM_ACTOR = 'system';

/** Entries by one actor (`''` = everyone, {@link SYSTEM_ACTOR} = no user). */
export const byActor = (entries: AuditEntry[], actor: string) =>
  !actor ? entries : entries.filter((e) => (actor === SYSTEM_ACTOR ? e.actorId === null : e.actorId === actor));

/** The distinct actors of the loaded entries, most active first. */
export function actorsOf(entries: AuditEntry[]): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.actorId ?? SYSTEM_ACTOR, (counts.get(e.actorId ?? SYSTEM_ACTOR) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

const COLUMNS = ['id', 'createdAt', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'details'];

/** The entries as a file: CSV (one column per field, details as JSON) or pretty JSON. */
export function exportAudit(entries: AuditEntry[], format: 'csv' | 'json', nameOf: (id: string) => string | undefined = () => undefined): string {
  const rows = entries.map((e) => ({ ...e, actorName: e.actorId ? (nameOf(e.actorId) ?? null) : null }));
  if (format === 'json') return `${JSON.stringify(rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c as keyof typeof r] ?? null]))), null, 2)}\n`;
  return toCsv(rows, COLUMNS);
}
