import { ApplicationCommandOptionType as O, ChannelType, InteractionContextType, PermissionFlagsBits as P, type APIApplicationCommandChannelOption } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { setChannelLock, setSlowmode } from '../actions/channelControls';
import { purgeMessages } from '../actions/purgeMessages';
import { formatDuration } from '../duration';
import { commandActor } from './commandActor';

const channelOption: APIApplicationCommandChannelOption = {
  type: O.Channel, name: 'channel', description: 'The channel (default: this one)',
  channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildVoice, ChannelType.PublicThread, ChannelType.PrivateThread],
};
const guild = { contexts: [InteractionContextType.Guild] };

/** `/purge count [member] [bots] [contains]`: bulk delete within Discord's 14-day rule. */
export const purgeCommand: SlashCommand = {
  data: {
    name: 'purge', description: 'Delete recent messages in this channel', default_member_permissions: String(P.ManageMessages), ...guild,
    options: [
      { type: O.Integer, name: 'count', description: 'How many matching messages (1–100)', required: true, min_value: 1, max_value: 100 },
      { type: O.User, name: 'member', description: 'Only this member’s messages' },
      { type: O.Boolean, name: 'bots', description: 'Only bots’ messages' },
      { type: O.String, name: 'contains', description: 'Only messages containing this text', max_length: 100 },
    ],
  },
  async execute(interaction, ctx) {
    const v = ctx.options.values;
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      const r = await purgeMessages(m, actor, {
        channelId: interaction.channel.id, count: Number(v.count), userId: v.member as string | undefined, botsOnly: v.bots === true, contains: v.contains as string | undefined,
      });
      const old = r.tooOld ? `\n-# ${r.tooOld} matching message${r.tooOld > 1 ? 's are' : ' is'} older than 14 days: Discord does not bulk delete those.` : '';
      return { content: `🧹 Deleted ${r.deleted} message${r.deleted === 1 ? '' : 's'} (looked through ${r.scanned}).${old}` };
    }, { ephemeral: true });
  },
};

/** `/slowmode seconds [channel]`. */
export const slowmodeCommand: SlashCommand = {
  data: {
    name: 'slowmode', description: 'Set how often members may post in a channel', default_member_permissions: String(P.ManageChannels), ...guild,
    options: [{ type: O.Integer, name: 'seconds', description: 'Seconds between messages (0: off; at most 21600)', required: true, min_value: 0, max_value: 21_600 }, channelOption],
  },
  async execute(interaction, ctx) {
    const seconds = Number(ctx.options.values.seconds);
    const channelId = (ctx.options.values.channel as string | undefined) ?? interaction.channel.id;
    return ctx.defer(async () => {
      const { m, actor } = await commandActor(interaction, ctx);
      await setSlowmode(m, actor, channelId, seconds, null);
      return { content: seconds ? `🐢 Slowmode in <#${channelId}>: one message every ${formatDuration(seconds)}.` : `Slowmode is off in <#${channelId}>.` };
    }, { ephemeral: true });
  },
};

function lockCommand(locked: boolean): SlashCommand {
  return {
    data: {
      name: locked ? 'lock' : 'unlock', description: locked ? 'Stop @everyone from sending messages in a channel' : 'Let @everyone send messages again',
      default_member_permissions: String(P.ManageChannels), ...guild,
      options: [channelOption, { type: O.String, name: 'reason', description: 'Why (in the audit log)', max_length: 400 }],
    },
    async execute(interaction, ctx) {
      const channelId = (ctx.options.values.channel as string | undefined) ?? interaction.channel.id;
      return ctx.defer(async () => {
        const { m, actor } = await commandActor(interaction, ctx);
        const { changed } = await setChannelLock(m, actor, channelId, locked, (ctx.options.values.reason as string | undefined) ?? null);
        if (!changed) return { content: `<#${channelId}> was already ${locked ? 'locked' : 'unlocked'}.` };
        return { content: locked ? `🔒 Locked <#${channelId}>: @everyone cannot send messages.` : `🔓 Unlocked <#${channelId}>.` };
      }, { ephemeral: true });
    },
  };
}

/** `/purge`, `/slowmode`, `/lock`, `/unlock`. */
export const channelCommands: SlashCommand[] = [purgeCommand, slowmodeCommand, lockCommand(true), lockCommand(false)];
