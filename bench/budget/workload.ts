/**
 * What members and admins do besides chatting, per day of the replayed server, and the
 * requests that stand for it: slash commands, a component, and the API calls of the
 * dashboard's overview and Stats pages.
 */
import type { InteractionInput, Simulator } from '@edge/simulator';

/**
 * Slash commands and components per day (a busy server's members use the bot now and then);
 * dashboard visits, and the minutes a dashboard tab is open in all (12 visits of 10 minutes).
 */
export const DAILY = { commands: 300, components: 60, dashboardVisits: 12, dashboardOpenMinutes: 120 };

/** One kind of interaction the bench sends. */
export interface InteractionRun {
  name: string;
  kind: 'command' | 'component';
  input(sim: Simulator, channelId: string, userId: string): Promise<InteractionInput>;
}

/** Each by a different member (per-member rate limits are not what is measured): `/ping`, `/help`, `/stats`, `/leaderboard`, and `/help`'s Next button. */
export function interactionsToRun(): InteractionRun[] {
  const command = (name: string): InteractionRun => ({
    name, kind: 'command',
    input: async (_sim, channelId, userId) => ({ type: 'command', name, userId, channelId }),
  });
  return [
    command('ping'), command('help'), command('stats'), command('leaderboard'),
    {
      name: 'help-next', kind: 'component',
      async input(sim, channelId, userId) {
        const help = await sim.interactions.send({ type: 'command', name: 'help', userId, channelId });
        const buttons = (help.message?.components?.[0] as { components?: { custom_id?: string; disabled?: boolean }[] } | undefined)?.components ?? [];
        const next = buttons.find((b) => b.custom_id && !b.disabled) ?? buttons.find((b) => b.custom_id);
        if (!help.message || !next?.custom_id) throw new Error(`help has no page button: ${JSON.stringify({ failed: help.failed, reason: help.reason, detail: help.detail, cb: help.callbackType, msg: help.message }).slice(0, 800)}`);
        return { type: 'button', customId: next.custom_id, messageId: help.message.id, userId, channelId };
      },
    },
  ];
}

/** The API calls of one dashboard visit (guild list, overview, modules, Stats page). */
export function dashboardPaths(guildId: string): string[] {
  const g = `/guilds/${guildId}`;
  return ['/guilds', g, `${g}/modules`, `${g}/modules/stats/overview`, `${g}/modules/stats/timeline?metric=messages`, `${g}/modules/stats/leaderboard`, `${g}/members?pageSize=100`];
}
