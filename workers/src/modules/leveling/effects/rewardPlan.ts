import type { LevelingConfig } from '../config';

/** The reward roles a member at `level` should hold, and every reward role of the config. */
export function rewardPlan(config: Pick<LevelingConfig, 'roleRewards' | 'rewardMode'>, level: number): { want: Set<string>; all: Set<string> } {
  const reached = config.roleRewards.filter((r) => r.level <= level).sort((a, b) => a.level - b.level);
  const want = config.rewardMode === 'stack' ? reached.map((r) => r.roleId) : reached.slice(-1).map((r) => r.roleId);
  return { want: new Set(want), all: new Set(config.roleRewards.map((r) => r.roleId)) };
}

/** What to add and remove so that `held` matches the plan (other roles untouched). */
export function rewardDiff(plan: { want: Set<string>; all: Set<string> }, held: readonly string[]): { add: string[]; remove: string[] } {
  const has = new Set(held);
  return {
    add: [...plan.want].filter((id) => !has.has(id)),
    remove: [...plan.all].filter((id) => has.has(id) && !plan.want.has(id)),
  };
}

/** The announcement text: `{user}` (mention), `{username}`, `{level}`, `{xp}`. */
export function renderAnnouncement(template: string, v: { userId: string; username: string; level: number; xp: number }): string {
  return template
    .replaceAll('{user}', `<@${v.userId}>`)
    .replaceAll('{username}', v.username)
    .replaceAll('{level}', String(v.level))
    .replaceAll('{xp}', v.xp.toLocaleString('en-US'));
}
