import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { periodJson } from '../hub/readStatsPending';
import { retentionDays } from '../limits';
import { getChannelBreakdown } from '../queries/getChannelBreakdown';
import { getMemberStats } from '../queries/getMemberStats';
import { getOverview } from '../queries/getOverview';
import { resolvePeriod } from '../queries/period';
import { defaultCommandDeps, type StatsCommandDeps } from './deps';
import { memberEmbed, serverEmbed } from './embeds';

const daysOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'days',
  description: 'How many days back (default 7; your plan sets the maximum)',
  min_value: 1,
  max_value: 365,
} as const;

/**
 * `/stats server [days]` and `/stats member [user] [days]`. Postgres is read in a deferred
 * reply (`ctx.defer`), so the interaction is acknowledged at once whatever the database does.
 */
export function createStatsCommand(deps: StatsCommandDeps = defaultCommandDeps): SlashCommand {
  return {
    data: {
      name: 'stats',
      description: 'Server activity statistics',
      contexts: [InteractionContextType.Guild],
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'server', description: "The server's activity", options: [daysOption] },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'member',
          description: "A member's activity",
          options: [{ type: ApplicationCommandOptionType.User, name: 'user', description: 'Whose stats (default: you)' }, daysOption],
        },
      ],
    },
    async execute(_interaction, ctx) {
      const guildId = ctx.guildId!;
      const plan = ctx.guild.plan;
      const days = Number(ctx.options.values.days ?? 7);
      const subcommand = ctx.options.subcommand;
      return ctx.defer(async () => {
        const period = resolvePeriod({ days }, plan, deps.now());
        const shownDays = Math.min(days, retentionDays(plan));
        if (subcommand === 'member') {
          const pending = await deps.pending(ctx.hub);
          const userId = String(ctx.options.values.user ?? ctx.userId);
          const stats = await deps.withDb(ctx.appConfig, (db) => getMemberStats(db, guildId, userId, period, pending));
          return { embeds: [memberEmbed(stats, shownDays)], allowed_mentions: { parse: [] } };
        }
        // The hub answers from the snapshot its last flush read back (Neon stays asleep); else Postgres.
        const local = deps.local ? await deps.local(ctx.hub, { q: 'server', period: periodJson(period), channels: 5 }) : null;
        if (local?.hit && local.server) {
          return { embeds: [serverEmbed(local.server.overview, local.server.channels, shownDays, period.clamped, retentionDays(plan))], allowed_mentions: { parse: [] } };
        }
        const pending = local && !local.hit ? local.pending : await deps.pending(ctx.hub);
        const [overview, channels] = await deps.withDb(ctx.appConfig, (db) =>
          Promise.all([getOverview(db, guildId, period, pending), getChannelBreakdown(db, guildId, period, 5, pending)]),
        );
        return {
          embeds: [serverEmbed(overview, channels, shownDays, period.clamped, retentionDays(plan))],
          allowed_mentions: { parse: [] },
        };
      });
    },
  };
}

/** `/stats` with production dependencies. */
export const statsCommand = createStatsCommand();
