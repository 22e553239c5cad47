/** Discord permission flags the role editor offers (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSIONS: [bigint, string][] = [
  [1n << 3n, 'Administrator'], [1n << 5n, 'Manage Server'], [1n << 28n, 'Manage Roles'], [1n << 4n, 'Manage Channels'],
  [1n << 1n, 'Kick Members'], [1n << 2n, 'Ban Members'], [1n << 40n, 'Time out Members'], [1n << 13n, 'Manage Messages'],
  [1n << 7n, 'View Audit Log'], [1n << 27n, 'Manage Nicknames'], [1n << 26n, 'Change Nickname'], [1n << 10n, 'View Channels'],
  [1n << 11n, 'Send Messages'], [1n << 14n, 'Embed Links'], [1n << 15n, 'Attach Files'], [1n << 6n, 'Add Reactions'],
  [1n << 17n, 'Mention Everyone'], [1n << 20n, 'Connect'], [1n << 21n, 'Speak'], [1n << 22n, 'Mute Members'], [1n << 24n, 'Move Members'],
];

/** True when the bitfield string has `flag`. */
export const hasPermission = (bits: string, flag: bigint) => (BigInt(bits || '0') & flag) === flag;

/** Returns the bitfield string with `flag` set or cleared. */
export const togglePermission = (bits: string, flag: bigint, on: boolean) => String(on ? BigInt(bits || '0') | flag : BigInt(bits || '0') & ~flag);
