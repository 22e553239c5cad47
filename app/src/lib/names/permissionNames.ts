import { CHANNEL_PERMISSIONS } from '../permissions/channelPermissions';
import { PERMISSIONS } from '../../routes/(app)/guilds/[guildId]/roles/permissions';

/** Every permission label the dashboard knows, by flag (role and channel editors' names). */
const LABELS = new Map<bigint, string>([...CHANNEL_PERMISSIONS.map((p) => [p.flag, p.label] as const), ...PERMISSIONS.map(([f, l]) => [f, l] as const)]);

/**
 * A permission bitfield (decimal string) as the names Discord's editors show, e.g. "8192" → "Manage
 * Messages"; bits we have no label for read "bit 45". "0" reads "none".
 */
export function permissionNames(bits: string | number | bigint): string {
  let v: bigint;
  try {
    v = BigInt(bits);
  } catch {
    return String(bits);
  }
  if (v === 0n) return 'none';
  const out: string[] = [];
  for (let bit = 0n; bit < 64n; bit++) {
    const flag = 1n << bit;
    if (v & flag) out.push(LABELS.get(flag) ?? `bit ${bit}`);
  }
  return out.join(', ');
}
