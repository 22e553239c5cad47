import { ApplicationCommandOptionType as O, InteractionContextType, InteractionResponseType, type APIUser } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import type { LevelingConfig } from '../config';
import { levelOf } from '../curve';
import type { LevelingRead } from '../hub/readLeveling';
import { avatarUrl, rankCard } from '../rankCard';

/** `/rank [member]`: a member's level, XP, rank and progress as a rank card (Components v2). */
export const rankCommand: SlashCommand = {
  data: {
    name: 'rank', description: 'Show your level and XP (or another member’s)', contexts: [InteractionContextType.Guild],
    options: [{ type: O.User, name: 'member', description: 'Whose rank to show (default: you)' }],
  },
  async execute(interaction, ctx) {
    const targetId = typeof ctx.options.values.member === 'string' ? ctx.options.values.member : ctx.userId;
    const user: APIUser | undefined = targetId === ctx.userId ? (interaction.member?.user ?? interaction.user) : interaction.data.resolved?.users?.[targetId];
    const resolvedMember = interaction.data.resolved?.members?.[targetId];
    const { value } = await ctx.hub!.readLocal<LevelingRead>('leveling', { userId: targetId });
    if (!('member' in value)) throw new Error('unexpected leveling read');
    const config = ctx.config as LevelingConfig;
    if (user?.bot) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'Bots do not earn XP.', flags: 64 } };
    const name = (targetId === ctx.userId ? interaction.member?.nick : resolvedMember?.nick) ?? user?.global_name ?? user?.username ?? 'Member';
    return {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: rankCard({
        userId: targetId, name, avatarUrl: avatarUrl(user ?? { id: targetId }), xp: value.member.xp, progress: levelOf(config, value.member.xp),
        rank: value.member.rank, total: value.total, messages: value.member.messages, voiceMinutes: value.member.voiceMinutes,
      }),
    };
  },
};
