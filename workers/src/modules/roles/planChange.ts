import type { RolePanel } from './config';

/** The roles a pick adds and removes. */
export interface RoleChange {
  add: string[];
  remove: string[];
}

/**
 * What picking `picked` (role ids of the panel) does to a member holding `held`, by the
 * panel's mode: toggle flips each pick, add/remove only ever add/remove, unique keeps at most
 * one of the panel's roles (picking the held one removes it). Pure: the checks come after.
 */
export function planChange(panel: Pick<RolePanel, 'mode' | 'options'>, held: readonly string[], picked: readonly string[]): RoleChange {
  const has = new Set(held);
  const ours = new Set(panel.options.map((o) => o.roleId));
  const picks = [...new Set(picked)].filter((r) => ours.has(r));
  switch (panel.mode) {
    case 'toggle':
      return { add: picks.filter((r) => !has.has(r)), remove: picks.filter((r) => has.has(r)) };
    case 'add':
      return { add: picks.filter((r) => !has.has(r)), remove: [] };
    case 'remove':
      return { add: [], remove: picks.filter((r) => has.has(r)) };
    case 'unique': {
      const pick = picks[0];
      if (!pick) return { add: [], remove: [] };
      if (has.has(pick)) return { add: [], remove: [pick] };
      return { add: [pick], remove: [...ours].filter((r) => r !== pick && has.has(r)) };
    }
  }
}
