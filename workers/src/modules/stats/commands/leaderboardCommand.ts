import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { periodJson } from '../hub/readStatsPending';
import { leaderboardCap } from '../limits';
import { getLeaderboard } from '../queries/getLeaderboard';
import { LEADERBOARD_METRICS, type LeaderboardMetric } from '../queries/metrics';
import { resolvePeriod } from '../queries/period';
import { defaultCommandDeps, type StatsCommandDeps } from './deps';
import { leaderboardEmbed } from './embeds';

/** `/leaderboard [metric] [days]`: top members (10 on free, up to 25 shown), read in a deferred reply. */
export function createLeaderboardCommand(deps: StatsCommandDeps = defaultCommandDeps): SlashCommand {
  return {
    data: {
      name: 'leaderboard',
      description: 'The most active members',
      contexts: [InteractionContextType.Guild],
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'metric',
          description: 'Rank by (default: messages)',
          choices: LEADERBOARD_METRICS.map((m) => ({ name: m, value: m })),
        },
        { type: ApplicationCommandOptionType.Integer, name: 'days', description: 'Only the last N days (default: all time)', min_value: 1, max_value: 365 },
      ],
    },
    async execute(_interaction, ctx) {
      const guildId = ctx.guildId!;
      const plan = ctx.guild.plan;
      const metric = (ctx.options.values.metric ?? 'messages') as LeaderboardMetric;
      const days = ctx.options.values.days === undefined ? undefined : Number(ctx.options.values.days);
      // An embed description holds 4096 characters: 25 lines fit comfortably.
      const limit = Math.min(25, leaderboardCap(plan));
      return ctx.defer(async () => {
        const period = days === undefined ? null : resolvePeriod({ days }, plan, deps.now());
        // The hub answers from the snapshot its last flush read back (Neon stays asleep); else Postgres.
        const local = deps.local ? await deps.local(ctx.hub, { q: 'leaderboard', metric, period: period && periodJson(period), limit }) : null;
        const entries = local?.hit && local.leaderboard
          ? local.leaderboard
          : await (async () => {
            const pending = local && !local.hit ? local.pending : await deps.pending(ctx.hub);
            return deps.withDb(ctx.appConfig, (db) => getLeaderboard(db, guildId, metric, period, limit, pending));
          })();
        const label = days === undefined ? 'all time' : `last ${days} d`;
        return { embeds: [leaderboardEmbed(metric, entries, label)], allowed_mentions: { parse: [] } };
      });
    },
  };
}

/** `/leaderboard` with production dependencies. */
export const leaderboardCommand = createLeaderboardCommand();
