import { ApplicationCommandOptionType as O, InteractionContextType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { guildData } from '../../../api/discord/guildData';
import type { SlashCommand } from '../../../interactions/types';
import { getRedis } from '../../../lib/redis';
import { GuildAuthority } from '../../../permissions';
import { adjustXp } from '../adjustXp';
import type { LevelingConfig } from '../config';
import { levelOf } from '../curve';

const member = { type: O.User, name: 'member', description: 'The member', required: true } as const;
const amount = { type: O.Integer, name: 'amount', description: 'How much XP', required: true, min_value: 1, max_value: 10_000_000 } as const;

/**
 * `/xp give|take|reset`: an admin changes a member's XP (Manage Server, checked on the member's
 * roles like every action). A level reached this way gives its reward roles at once; a level
 * lost takes back the rewards above it.
 */
export const xpCommand: SlashCommand = {
  data: {
    name: 'xp', description: 'Change a member’s XP (Manage Server)', contexts: [InteractionContextType.Guild], default_member_permissions: String(P.ManageGuild),
    options: [
      { type: O.Subcommand, name: 'give', description: 'Give XP to a member', options: [member, amount] },
      { type: O.Subcommand, name: 'take', description: 'Take XP from a member (never below 0)', options: [member, amount] },
      { type: O.Subcommand, name: 'reset', description: 'Reset a member’s XP to 0', options: [member] },
    ],
  },
  async execute(interaction, ctx) {
    const op = ctx.options.subcommand as 'give' | 'take' | 'reset';
    const userId = String(ctx.options.values.member);
    const n = op === 'reset' ? 0 : Number(ctx.options.values.amount);
    return ctx.defer(async () => {
      const d = { rest: ctx.rest, redis: getRedis(ctx.appConfig), guildId: ctx.guildId! };
      const [guild, roles] = await Promise.all([guildData.guild(d), guildData.roles(d)]);
      GuildAuthority.fromInteraction({ guildId: ctx.guildId!, ownerId: guild.owner_id, roles }, { user: { id: ctx.userId }, roles: interaction.member!.roles }).require(P.ManageGuild);
      if (interaction.data.resolved?.users?.[userId]?.bot) return { content: 'Bots do not earn XP.' };
      const after = await adjustXp(ctx.hub!, { guildId: ctx.guildId!, requestId: interaction.id, config: ctx.config, plan: ctx.plan, op, userId, amount: n });
      const level = levelOf(ctx.config as LevelingConfig, after.xp).level;
      const did = op === 'give' ? `Gave ${n.toLocaleString('en-US')} XP to` : op === 'take' ? `Took ${n.toLocaleString('en-US')} XP from` : 'Reset the XP of';
      return { content: `${did} <@${userId}>: now ${after.xp.toLocaleString('en-US')} XP, level ${level}.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
