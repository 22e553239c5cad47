/**
 * Channel permission overwrites as Discord stores them: two bitfields (`allow`, `deny`) per role or
 * member. Each permission is in one of three states: allowed, denied, or neither (inherit from
 * the roles / the category). https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
export type TriState = 'allow' | 'inherit' | 'deny';

/** The two bitfields of an overwrite, as decimal strings (Discord's wire format). */
export interface OverwriteBits {
  allow: string;
  deny: string;
}

const big = (s: string | undefined) => {
  try {
    return BigInt(s || '0');
  } catch {
    return 0n;
  }
};

/** The state of `flag` in an overwrite. A flag in both fields counts as denied, as Discord applies deny last within one overwrite. */
export function permState(ow: OverwriteBits, flag: bigint): TriState {
  if ((big(ow.deny) & flag) === flag) return 'deny';
  if ((big(ow.allow) & flag) === flag) return 'allow';
  return 'inherit';
}

/** Returns a new overwrite with `flag` set to `state` (removed from the other field, so it is never in both). */
export function setPermState(ow: OverwriteBits, flag: bigint, state: TriState): OverwriteBits {
  let allow = big(ow.allow) & ~flag;
  let deny = big(ow.deny) & ~flag;
  if (state === 'allow') allow |= flag;
  if (state === 'deny') deny |= flag;
  return { allow: String(allow), deny: String(deny) };
}

/** True when the overwrite neither allows nor denies anything. */
export const isEmptyOverwrite = (ow: OverwriteBits) => big(ow.allow) === 0n && big(ow.deny) === 0n;

/** True when two overwrites have the same effect (compares numbers, not strings: "08" = "8"). */
export const sameOverwrite = (a: OverwriteBits, b: OverwriteBits) => big(a.allow) === big(b.allow) && big(a.deny) === big(b.deny);

/** How many permissions an overwrite allows and denies (for the list's summary). */
export function countStates(ow: OverwriteBits): { allowed: number; denied: number } {
  const bits = (n: bigint) => n.toString(2).split('').filter((c) => c === '1').length;
  return { allowed: bits(big(ow.allow) & ~big(ow.deny)), denied: bits(big(ow.deny)) };
}
