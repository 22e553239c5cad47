import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { InteractionError } from '../../../interactions/InteractionError';
import { reply } from '../../../interactions/reply';
import type { SlashCommand } from '../../../interactions/types';
import { PLANS } from '../../../platform/ModuleDefinition';
import { assertBotOwner, parsePlan } from '../../../platform/plans';

/**
 * `/plan set plan:<free|premium|max>`: the instance owners (`BOT_OWNER_IDS`) change this
 * server's plan through its hub (modules the new plan lacks are turned off there).
 * Visible to server managers; anyone else who runs it is refused.
 */
export const planCommand: SlashCommand = {
  data: {
    name: 'plan',
    description: "This server's plan",
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        description: "Change this server's plan (instance owners only)",
        options: [
          { type: ApplicationCommandOptionType.String, name: 'plan', description: 'The new plan', required: true, choices: PLANS.map((p) => ({ name: p, value: p })) },
        ],
      },
    ],
  },
  async execute(_interaction, ctx) {
    if (!ctx.guildId || !ctx.hub) throw new InteractionError('This command only works in a server.', 'GuildOnly');
    // Refusals (`NotBotOwner`, `PlanInvalid`) are ModuleErrors: the framework shows their message.
    assertBotOwner(ctx.appConfig, ctx.userId);
    const plan = parsePlan(ctx.options.values.plan);
    const before = ctx.guild.plan;
    const state = await ctx.hub.setPlan({ plan, actorId: ctx.userId, requestId: ctx.requestId });
    const off = Object.entries(ctx.guild.modules)
      .filter(([id, m]) => m.enabled && !state.modules[id]?.enabled)
      .map(([id]) => id);
    ctx.log.info('plan set by command', { guildId: ctx.guildId, from: before, to: state.plan });
    return reply.ephemeral(
      `Plan of this server: **${before}** → **${state.plan}**.` + (off.length ? `\nTurned off (not on this plan): ${off.join(', ')}.` : ''),
    );
  },
};
