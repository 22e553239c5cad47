import type { LocalReadContext } from '../../../platform/ModuleDefinition';
import type { RaidState } from '../rules/RaidState';
import { AutomodLocal } from './AutomodLocal';

/** What the dashboard reads from the hub: raid mode as it is now. */
export interface AutomodRead {
  raid: Omit<RaidState, 'joins' | 'pending' | 'timedOut'> & { recentJoins: number; pending: number; timedOut: number };
}

/** `readLocal`: raid mode from the hub's memory (or its row). */
export function readAutomod(ctx: LocalReadContext): AutomodRead {
  const { joins, pending, timedOut, ...raid } = AutomodLocal.of(ctx.local).raid;
  return { raid: { ...raid, recentJoins: joins.length, pending: pending.length, timedOut: timedOut.length } };
}
