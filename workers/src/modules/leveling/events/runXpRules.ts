import type { LevelingConfig } from '../config';
import { levelOf } from '../curve';
import type { LevelChange, XpRun } from '../hub/XpLedger';
import type { XpGain, XpState } from '../hub/XpState';
import type { XpInput } from './toXpInput';

/**
 * Applies a batch's fresh inputs to the state in order, and lists each member whose level
 * changed (once per member and batch: from the level before the batch to the one after).
 */
export function runXpRules(config: LevelingConfig, inputs: readonly XpInput[], state: XpState): XpRun {
  const gains: XpGain[] = [];
  const before = new Map<string, number>();
  const context = new Map<string, { channelId: string | null; roles: string[] | null }>();
  const touch = (userId: string) => {
    if (!before.has(userId)) before.set(userId, state.get(userId).xp);
  };
  for (const e of inputs) {
    switch (e.kind) {
      case 'message': {
        touch(e.userId);
        const g = state.message(config, e);
        if (g) {
          gains.push(g);
          context.set(e.userId, { channelId: e.channelId, roles: e.roles });
        }
        break;
      }
      case 'voice': {
        const gs = state.voice(config, e);
        for (const g of gs) {
          if (!before.has(g.userId)) before.set(g.userId, state.get(g.userId).xp - g.xp);
          if (g.userId === e.userId) context.set(e.userId, { channelId: null, roles: e.roles });
        }
        gains.push(...gs);
        break;
      }
      case 'adjust': {
        touch(e.userId);
        const xp = state.get(e.userId).xp;
        gains.push(state.setXp(e.userId, e.op === 'give' ? xp + e.amount : e.op === 'take' ? xp - e.amount : 0));
        context.set(e.userId, { channelId: null, roles: null });
        break;
      }
      case 'import':
        for (const r of e.rows) {
          touch(r.userId);
          gains.push(state.setXp(r.userId, r.xp, r.messages !== undefined ? { msgs: r.messages } : undefined));
        }
        break;
    }
  }
  const changes: LevelChange[] = [];
  const imported = inputs.some((e) => e.kind === 'import');
  for (const [userId, xp0] of before) {
    const xp = state.get(userId).xp;
    const from = levelOf(config, xp0).level;
    const to = levelOf(config, xp).level;
    // An import sets many members at once: their rewards follow at their next level-up, not in one burst.
    if (from === to || imported) continue;
    const ctx = context.get(userId);
    changes.push({ userId, from, to, xp, channelId: ctx?.channelId ?? null, roles: ctx?.roles ?? null });
  }
  return { gains, changes };
}
