import type { AuditReport } from './auditReport';

const cell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  // Quoted always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};
const row = (...cells: (string | number | boolean | null)[]) => cells.map(cell).join(',');

/**
 * The audit report as one CSV (sections one after the other, each with its header row):
 * roles and permissions, channel overwrites, then one row per member and role.
 */
export function auditCsv(r: AuditReport): string {
  const lines = [row('section', 'role', 'role id', 'position', 'managed', 'permissions', 'members')];
  for (const x of r.roles) lines.push(row('role', x.name, x.id, x.position, x.managed, x.permissions.join(' '), x.members.length));
  lines.push('', row('section', 'channel', 'channel id', 'type', 'category', 'overwrite for', 'kind', 'allow', 'deny'));
  for (const c of r.channels) {
    if (!c.overwrites.length) lines.push(row('channel', c.name, c.id, c.type, c.parent, '', '', '', ''));
    for (const o of c.overwrites) lines.push(row('channel', c.name, c.id, c.type, c.parent, o.target, o.kind, o.allow.join(' '), o.deny.join(' ')));
  }
  lines.push('', row('section', 'role', 'role id', 'member', 'member id'));
  for (const x of r.roles) for (const m of x.members) lines.push(row('member', x.name, x.id, m.name, m.id));
  return `${lines.join('\r\n')}\r\n`;
}
