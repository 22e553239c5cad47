import { ApplicationCommandOptionType as O, ChannelType, InteractionContextType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { channelOf } from '../data/guildFacts';
import { requireChannelReach } from '../actions/requireChannelReach';
import { commandActor } from './commandActor';

/**
 * `/modlog [channel]`: shows where cases are posted, or sets it (Manage Server, like the
 * dashboard's settings; the bot must be able to post there). `/modlog off` stops posting.
 */
export const modlogCommand: SlashCommand = {
  data: {
    name: 'modlog', description: 'Where cases are posted', default_member_permissions: String(P.ManageGuild), contexts: [InteractionContextType.Guild],
    options: [
      { type: O.Subcommand, name: 'show', description: 'Show the mod-log channel' },
      { type: O.Subcommand, name: 'set', description: 'Post every case in this channel', options: [{ type: O.Channel, name: 'channel', description: 'The channel', required: true, channel_types: [ChannelType.GuildText] }] },
      { type: O.Subcommand, name: 'off', description: 'Stop posting cases' },
    ],
  },
  async execute(interaction, ctx) {
    const sub = ctx.options.subcommand;
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      if (sub === 'show') {
        return { content: m.config.modLogChannelId ? `Cases are posted in <#${m.config.modLogChannelId}>.` : 'No mod-log channel: cases are only in the dashboard. Set one with `/modlog set`.' };
      }
      actor.require(P.ManageGuild);
      const channelId = sub === 'set' ? String(ctx.options.values.channel) : null;
      if (channelId) await requireChannelReach(m, actor, await channelOf(m, channelId, false), P.ViewChannel, P.ViewChannel | P.SendMessages | P.EmbedLinks);
      await ctx.hub!.configure({ moduleId: 'moderation', config: { ...m.config, modLogChannelId: channelId }, actorId: ctx.userId, requestId: ctx.requestId, reason: '/modlog' });
      return { content: channelId ? `📋 Cases will be posted in <#${channelId}>.` : 'Cases are no longer posted in a channel.' };
    }, { ephemeral: true });
  },
};
