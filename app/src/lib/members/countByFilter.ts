import type { Member, Role } from '../api/shapes';

/** The member list's quick filters, as the API names them. */
export type MemberFilter = 'all' | 'humans' | 'bots' | 'admins' | 'timeout';

const ADMINISTRATOR = 1n << 3n;

/**
 * Members per filter, counted the way the API filters (admins: the owner and holders of a role
 * with Administrator; timeout: a timeout date is set). Exact only when `members` is everyone.
 */
export function countByFilter(members: Member[], roles: Pick<Role, 'id' | 'permissions'>[], ownerId: string | undefined): Record<MemberFilter, number> {
  const adminRoles = new Set(roles.filter((r) => (BigInt(r.permissions || '0') & ADMINISTRATOR) === ADMINISTRATOR).map((r) => r.id));
  const counts: Record<MemberFilter, number> = { all: 0, humans: 0, bots: 0, admins: 0, timeout: 0 };
  for (const m of members) {
    counts.all++;
    counts[m.bot ? 'bots' : 'humans']++;
    if (m.id === ownerId || m.roles.some((r) => adminRoles.has(r))) counts.admins++;
    if (m.timeoutUntil) counts.timeout++;
  }
  return counts;
}
