import {
  ApplicationCommandOptionType,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { welcomeConfigSchema } from '../config';
import { buildTextMessage, buildWelcomeMessage, type WelcomeVars } from '../render';

/**
 * `/welcome test`: shows the invoking admin the welcome message exactly as a new member would
 * see it (variables filled with the admin's own name), ephemeral so the channel stays quiet.
 * It runs while the module is off too: admins preview before turning it on.
 */
export const welcomeCommand: SlashCommand = {
  allowWhenDisabled: true,
  data: {
    name: 'welcome',
    description: 'Welcome messages',
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'test', description: 'Preview the welcome message as it will look' }],
  },
  async execute(interaction, ctx): Promise<APIInteractionResponse> {
    const config = welcomeConfigSchema.parse(ctx.config ?? {});
    const user = interaction.member?.user ?? interaction.user;
    const info = ctx.guild.guild;
    const vars: WelcomeVars = {
      user: user ?? { id: ctx.userId, username: 'you', global_name: null, avatar: null },
      server: info?.name ?? 'this server',
      memberCount: info?.memberCount ?? 0,
    };
    const body = buildWelcomeMessage(config, ctx.guild.plan, vars);
    const enabled = ctx.guild.modules.welcome?.enabled ?? false;
    const notes = [
      enabled ? undefined : '⚠️ The Welcome module is disabled: nothing is sent on join.',
      config.channelId ? `Sent in <#${config.channelId}>.` : '⚠️ No welcome channel is set.',
      config.dm.enabled ? `DM: ${buildTextMessage(config.dm.message, vars).content}` : undefined,
    ].filter(Boolean);
    const content = [body.content, ...notes.map((n) => `-# ${n}`)].filter(Boolean).join('\n');
    return {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content, embeds: body.embeds, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
    };
  },
};
