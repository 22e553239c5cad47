import { isSnowflake } from '@edge/shared/snowflake';
import type { Grant } from '../api/shapes';

/** What each grantable level lets someone do in the dashboard (docs/API.md "Access levels"). */
export const LEVELS: { level: Grant['level']; label: string; hint: string }[] = [
  { level: 'view', label: 'View', hint: 'See everything, change nothing' },
  { level: 'edit', label: 'Edit', hint: 'Change module settings' },
  { level: 'manage', label: 'Manage', hint: 'Also give and remove dashboard access' },
];

/** A Discord user id as the API accepts it (the one snowflake rule). */
export { isSnowflake };

/** Grants with one added or changed (keeps the list sorted by user id for a stable display). */
export function upsertGrant(list: Grant[], g: Grant): Grant[] {
  return [...list.filter((x) => x.userId !== g.userId), g].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
