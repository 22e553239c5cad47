import type { LevelingConfig } from './config';

/** Where a member stands on the level curve. */
export interface LevelProgress {
  level: number;
  /** XP earned since the current level was reached. */
  into: number;
  /** XP from the current level to the next. */
  span: number;
  /** Total XP at which the current level started. */
  floor: number;
}

type Curve = Pick<LevelingConfig, 'curveA' | 'curveB' | 'curveC'>;

/** XP needed from `level` to `level + 1`: a·L² + b·L + c. */
export const levelSpan = (c: Curve, level: number) => c.curveA * level * level + c.curveB * level + c.curveC;

/** Total XP at which `level` is reached. */
export function xpForLevel(c: Curve, level: number): number {
  let total = 0;
  for (let l = 0; l < level; l++) total += levelSpan(c, l);
  return total;
}

/** The level of `xp` total XP, and the progress toward the next. */
export function levelOf(c: Curve, xp: number): LevelProgress {
  let level = 0;
  let floor = 0;
  // c ≥ 1, so the loop ends; 1,000 levels is far past any real server.
  while (level < 1000 && floor + levelSpan(c, level) <= xp) floor += levelSpan(c, level++);
  return { level, into: xp - floor, span: levelSpan(c, level), floor };
}

/**
 * The XP a message earns before multipliers: between min and max, drawn from its event id
 * (FNV-1a), so a re-delivered or replayed message earns the same and a tally can predict it.
 */
export function messageXp(eventId: string, min: number, max: number): number {
  if (max <= min) return min;
  let h = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) h = Math.imul(h ^ eventId.charCodeAt(i), 0x01000193) >>> 0;
  return min + (h % (max - min + 1));
}
