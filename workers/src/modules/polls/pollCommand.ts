import { ApplicationCommandOptionType as O, ChannelType, InteractionContextType, PermissionFlagsBits as P, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { guildData } from '../../api/discord/guildData';
import type { SlashCommand } from '../../interactions/types';
import { getRedis } from '../../lib/redis';
import { GuildAuthority } from '../../permissions';
import { createPoll } from './createPoll';
import { pollServices } from './pollServices';

const common: APIApplicationCommandBasicOption[] = [
  { type: O.String, name: 'question', description: 'The question', required: true, max_length: 300 },
  { type: O.String, name: 'answers', description: 'The answers, separated by |', required: true, max_length: 2000 },
  { type: O.Integer, name: 'hours', description: 'How long it lasts (hours; default from the settings)', min_value: 1, max_value: 768 },
  { type: O.Boolean, name: 'multiselect', description: 'Members may pick several answers' },
  { type: O.Channel, name: 'channel', description: 'Where to post it (default: here)', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
];

/**
 * `/poll native …` posts Discord's own poll (≤ 10 answers); `/poll buttons …` a button poll for
 * what native polls lack (anonymous votes, up to 25 answers). The member needs Send Messages and
 * Send Polls in the channel (checked with their roles and its overwrites).
 */
export const pollCommand: SlashCommand = {
  data: {
    name: 'poll', description: 'Create a poll', contexts: [InteractionContextType.Guild], default_member_permissions: String(P.SendPolls),
    options: [
      { type: O.Subcommand, name: 'native', description: 'A Discord poll (up to 10 answers)', options: [...common] },
      { type: O.Subcommand, name: 'buttons', description: 'A button poll: anonymous, up to 25 answers', options: [...common, { type: O.Boolean, name: 'anonymous', description: 'Hide who voted for what (default: yes)' }] },
    ],
  },
  async execute(interaction, ctx) {
    const v = ctx.options.values;
    const kind = ctx.options.subcommand === 'buttons' ? 'buttons' : 'native';
    return ctx.defer(async () => {
      const s = pollServices(ctx);
      const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId };
      const channelId = String(v.channel ?? interaction.channel.id);
      const [guild, roles, channel] = await Promise.all([guildData.guild(d), guildData.roles(d), guildData.channel(d, channelId)]);
      const actor = GuildAuthority.fromInteraction({ guildId: s.guildId, ownerId: guild.owner_id, roles }, { user: { id: ctx.userId }, roles: interaction.member!.roles });
      const poll = await createPoll(s, actor, channel, {
        channelId, kind, question: String(v.question),
        answers: String(v.answers).split('|').map((a) => a.trim()).filter(Boolean),
        hours: typeof v.hours === 'number' ? v.hours : s.config.defaultHours,
        multiselect: v.multiselect === true,
        anonymous: kind === 'buttons' && v.anonymous !== false,
      }, (p, ...st) => ctx.customId(p, ...st));
      return { content: `📊 Poll #${poll.id} posted in <#${channelId}>; it ends <t:${Math.floor(Date.parse(poll.endsAt) / 1000)}:R>.` };
    }, { ephemeral: true });
  },
};
