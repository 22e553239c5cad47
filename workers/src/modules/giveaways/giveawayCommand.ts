import { ApplicationCommandOptionType as O, ChannelType, InteractionContextType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SlashCommand } from '../../interactions/types';
import { parseDuration } from '../scheduler';
import { endGiveaway, rerollGiveaway } from './endGiveaway';
import { giveawayServices } from './giveawayServices';
import { startGiveaway } from './startGiveaway';

/**
 * `/giveaway start prize duration [winners] [required_role] [bonus_role] [bonus_entries] [channel]`,
 * `/giveaway end id` (now), `/giveaway reroll id [winners]`. Manage Server by default.
 */
export const giveawayCommand: SlashCommand = {
  data: {
    name: 'giveaway', description: 'Giveaways', contexts: [InteractionContextType.Guild], default_member_permissions: String(P.ManageGuild),
    options: [
      { type: O.Subcommand, name: 'start', description: 'Start a giveaway', options: [
        { type: O.String, name: 'prize', description: 'What is won', required: true, max_length: 200 },
        { type: O.String, name: 'duration', description: 'How long: 30m, 2h, 3d', required: true, max_length: 40 },
        { type: O.Integer, name: 'winners', description: 'How many winners (default 1)', min_value: 1, max_value: 20 },
        { type: O.Role, name: 'required_role', description: 'Only members with this role may enter' },
        { type: O.Role, name: 'bonus_role', description: 'Members with this role get extra entries' },
        { type: O.Integer, name: 'bonus_entries', description: 'Extra entries for bonus_role (default 1)', min_value: 1, max_value: 10 },
        { type: O.Channel, name: 'channel', description: 'Where (default: here)', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ] },
      { type: O.Subcommand, name: 'end', description: 'End a giveaway now', options: [{ type: O.Integer, name: 'id', description: 'Its number', required: true, min_value: 1 }] },
      { type: O.Subcommand, name: 'reroll', description: 'Draw new winners of an ended giveaway', options: [{ type: O.Integer, name: 'id', description: 'Its number', required: true, min_value: 1 }, { type: O.Integer, name: 'winners', description: 'How many (default 1)', min_value: 1, max_value: 20 }] },
    ],
  },
  async execute(interaction, ctx) {
    const v = ctx.options.values;
    return ctx.defer(async () => {
      const s = giveawayServices(ctx);
      if ((ctx.permissions & (P.ManageGuild | P.Administrator)) === 0n) return { content: 'Giveaways need Manage Server.' };
      if (ctx.options.subcommand === 'end') {
        const r = await endGiveaway(s, Number(v.id), { early: true });
        return { content: r === 'ended' ? `Giveaway #${String(v.id)} ended.` : `Giveaway #${String(v.id)} does not exist or has already ended.` };
      }
      if (ctx.options.subcommand === 'reroll') {
        const won = await rerollGiveaway(s, Number(v.id), typeof v.winners === 'number' ? v.winners : 1);
        return { content: `New winner${won.length === 1 ? '' : 's'}: ${won.map((u) => `<@${u}>`).join(', ')}`, allowed_mentions: { parse: [] } };
      }
      const seconds = parseDuration(String(v.duration));
      if (seconds === null) return { content: `“${String(v.duration)}” is not a duration: try \`30m\`, \`2h\` or \`3d\`.`, allowed_mentions: { parse: [] } };
      const channelId = String(v.channel ?? interaction.channel.id);
      const g = await startGiveaway(s, {
        channelId, prize: String(v.prize), seconds, winners: typeof v.winners === 'number' ? v.winners : 1, hostId: ctx.userId,
        requiredRoles: v.required_role ? [String(v.required_role)] : [],
        bonus: v.bonus_role ? [{ roleId: String(v.bonus_role), entries: typeof v.bonus_entries === 'number' ? v.bonus_entries : 1 }] : [],
      }, (p, ...st) => ctx.customId(p, ...st));
      return { content: `🎉 Giveaway #${g.id} started in <#${channelId}>; it ends <t:${Math.floor(Date.parse(g.endsAt) / 1000)}:R>.` };
    }, { ephemeral: true });
  },
};
