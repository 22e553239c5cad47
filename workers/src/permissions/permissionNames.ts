import { PermissionFlagsBits } from 'discord-api-types/v10';

const ENTRIES = Object.entries(PermissionFlagsBits) as [string, bigint][];

/** `ManageGuild` → `Manage Guild`: the flag name, spaced. */
const label = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2');

/** The names of the permission bits set in `bits`, in Discord's flag order. */
export function permissionNames(bits: bigint): string[] {
  const seen = new Set<bigint>();
  const out: string[] = [];
  for (const [key, bit] of ENTRIES) {
    if ((bits & bit) !== 0n && !seen.has(bit)) {
      seen.add(bit);
      out.push(label(key));
    }
  }
  return out;
}
