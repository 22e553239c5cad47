import { PermissionFlagsBits } from 'discord-api-types/v10';

/** Dashboard access levels, weakest first (docs/API.md "Access levels"). */
export const ACCESS_LEVELS = ['view', 'edit', 'manage', 'admin', 'owner'] as const;

/** One access level: grants give view/edit/manage; Discord permissions give admin/owner. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Levels a guild may grant through the dashboard. */
export type GrantLevel = 'view' | 'edit' | 'manage';

/** True when `have` is at least `need`. */
export function atLeast(have: AccessLevel | null, need: AccessLevel): boolean {
  return have !== null && ACCESS_LEVELS.indexOf(have) >= ACCESS_LEVELS.indexOf(need);
}

/** The stronger of two levels. */
export function strongest(a: AccessLevel | null, b: AccessLevel | null): AccessLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return ACCESS_LEVELS.indexOf(a) >= ACCESS_LEVELS.indexOf(b) ? a : b;
}

/** The level Discord gives: owner, or admin with Administrator or Manage Server; else none. */
export function levelFromDiscord(owner: boolean, permissions: string): AccessLevel | null {
  if (owner) return 'owner';
  let bits: bigint;
  try {
    bits = BigInt(permissions);
  } catch {
    return null;
  }
  const admin = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;
  return (bits & admin) !== 0n ? 'admin' : null;
}
