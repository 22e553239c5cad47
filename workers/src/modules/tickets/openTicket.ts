import { ChannelType, OverwriteType, PermissionFlagsBits as P, Routes, type APIChannel } from 'discord-api-types/v10';
import { botUserId } from '../../api/discord/botUser';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import type { TicketCategory } from './config';
import { ticketStore, type Ticket } from './data/ticketStore';
import { welcomeMessage } from './ticketMessages';
import type { TicketServices } from './ticketServices';

const MEMBER = P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.AttachFiles | P.EmbedLinks;
const STAFF = MEMBER | P.ManageMessages;
const BOT = MEMBER | P.ManageChannels;

/** The channel overwrites of a ticket: hidden from everyone, open to its member, staff and the bot. */
export function ticketOverwrites(guildId: string, openerId: string | null, staffRoles: string[], botId: string) {
  return [
    { id: guildId, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) },
    ...(openerId ? [{ id: openerId, type: OverwriteType.Member, allow: String(MEMBER), deny: '0' }] : []),
    ...staffRoles.map((r) => ({ id: r, type: OverwriteType.Role, allow: String(STAFF), deny: '0' })),
    { id: botId, type: OverwriteType.Member, allow: String(BOT), deny: '0' },
  ];
}

/** Member overwrite bits (for add and reopen). */
export const MEMBER_BITS = MEMBER;

/**
 * Opens a ticket of `category` for `openerId` with their form answers: a numbered row, then a
 * private text channel (`<category>-<number>`) only they, the category's staff and the bot see,
 * with a first message holding the answers and the Claim and Close buttons. A member at their
 * open-ticket limit is refused; a channel Discord refuses leaves no row behind.
 */
export async function openTicket(s: TicketServices, category: TicketCategory, openerId: string, answers: Ticket['answers'], sign: (p: string, ...st: string[]) => Promise<string>): Promise<Ticket> {
  if ((await ticketStore.openCount(s.db, s.guildId, openerId)) >= s.config.maxOpenPerMember) {
    throw new HttpError(409, `You already have ${s.config.maxOpenPerMember} open ticket${s.config.maxOpenPerMember === 1 ? '' : 's'}: close one first.`, { code: 'TicketLimit' });
  }
  const botId = await botUserId({ rest: s.rest, redis: getRedis(s.appConfig), config: s.appConfig });
  const ticket = await ticketStore.create(s.db, s.guildId, { category: category.id, openerId, answers });
  let channel: APIChannel;
  try {
    channel = await discordCall<APIChannel>(() => s.rest.post(Routes.guildChannels(s.guildId), {
      body: { name: `${category.id}-${ticket.number}`, type: ChannelType.GuildText, parent_id: s.config.parentCategoryId ?? undefined, topic: `Ticket #${ticket.number} of <@${openerId}>`, permission_overwrites: ticketOverwrites(s.guildId, openerId, category.staffRoles, botId) },
      reason: `Ticket #${ticket.number} (${category.label})`,
    }));
  } catch (err) {
    await ticketStore.remove(s.db, ticket.id);
    throw err;
  }
  await ticketStore.setChannel(s.db, ticket.id, channel.id);
  const opened = { ...ticket, channelId: channel.id };
  await discordCall(async () => s.rest.post(Routes.channelMessages(channel.id), { body: await welcomeMessage(opened, category.label, category.staffRoles, sign) }));
  return opened;
}
