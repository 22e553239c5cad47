import { ApplicationCommandOptionType as O, InteractionContextType, PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { SlashCommand } from '../../../interactions/types';
import { claimTicket, closeTicket, addMember, removeMember, renameTicket, reopenTicket, ticketOf } from '../ticketActions';
import { panelMessage } from '../ticketMessages';
import { ticketServices } from '../ticketServices';

/**
 * `/ticket panel` (Manage Server) posts the panel here; inside a ticket: `claim`, `add member`,
 * `remove member`, `rename name`, `close [reason]`, `reopen` (staff; the member may close their own).
 */
export const ticketCommand: SlashCommand = {
  data: {
    name: 'ticket', description: 'Tickets', contexts: [InteractionContextType.Guild],
    options: [
      { type: O.Subcommand, name: 'panel', description: 'Post the ticket panel in this channel (Manage Server)' },
      { type: O.Subcommand, name: 'claim', description: 'Handle this ticket' },
      { type: O.Subcommand, name: 'add', description: 'Let a member into this ticket', options: [{ type: O.User, name: 'member', description: 'Who', required: true }] },
      { type: O.Subcommand, name: 'remove', description: 'Take a member out of this ticket', options: [{ type: O.User, name: 'member', description: 'Who', required: true }] },
      { type: O.Subcommand, name: 'rename', description: 'Rename this ticket’s channel', options: [{ type: O.String, name: 'name', description: 'New name', required: true, max_length: 90 }] },
      { type: O.Subcommand, name: 'close', description: 'Close this ticket', options: [{ type: O.String, name: 'reason', description: 'Why', max_length: 500 }] },
      { type: O.Subcommand, name: 'reopen', description: 'Reopen this ticket' },
    ],
  },
  async execute(interaction, ctx) {
    const sub = ctx.options.subcommand;
    const v = ctx.options.values;
    return ctx.defer(async () => {
      const s = ticketServices(ctx);
      const sign = (p: string, ...st: string[]) => ctx.customId(p, ...st);
      if (sub === 'panel') {
        if ((ctx.permissions & (P.ManageGuild | P.Administrator)) === 0n) throw new HttpError(403, 'Posting the panel needs Manage Server.', { code: 'MissingPermissions' });
        await discordCall(async () => s.rest.post(Routes.channelMessages(interaction.channel.id), { body: await panelMessage(s.config, sign) }));
        return { content: 'Panel posted.' };
      }
      const t = await ticketOf(s, interaction.channel.id);
      const actor = { userId: ctx.userId, roles: interaction.member?.roles ?? [], permissions: ctx.permissions };
      switch (sub) {
        case 'claim': return { content: await claimTicket(s, t, actor) };
        case 'add': return { content: await addMember(s, t, actor, String(v.member)), allowed_mentions: { parse: [] } };
        case 'remove': return { content: await removeMember(s, t, actor, String(v.member)), allowed_mentions: { parse: [] } };
        case 'rename': return { content: await renameTicket(s, t, actor, String(v.name)) };
        case 'close': return { content: await closeTicket(s, t, actor, typeof v.reason === 'string' && v.reason.trim() ? v.reason.trim() : 'No reason given', sign) };
        default: return { content: await reopenTicket(s, t, actor) };
      }
    }, { ephemeral: true });
  },
};
