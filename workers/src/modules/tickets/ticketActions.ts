import { OverwriteType, PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { botUserId } from '../../api/discord/botUser';
import { discordCall } from '../../api/discord/botRest';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { ticketStore, type Ticket } from './data/ticketStore';
import { MEMBER_BITS } from './openTicket';
import { closedMessage } from './ticketMessages';
import type { TicketServices } from './ticketServices';
import { firstResponse, readMessages, transcriptHtml } from './transcript';

/** Who acts on a ticket: their id, roles and permissions in its channel (as Discord computed them). */
export interface TicketActor {
  userId: string;
  roles: readonly string[];
  permissions: bigint;
}

type Sign = (p: string, ...st: string[]) => Promise<string>;
const refuse = (message: string, code = 'TicketRefused') => new HttpError(403, message, { code });

/** The ticket of a channel; a 404 when the channel is no ticket. */
export async function ticketOf(s: TicketServices, channelId: string): Promise<Ticket> {
  const t = await ticketStore.byChannel(s.db, s.guildId, channelId);
  if (!t) throw new HttpError(404, 'This channel is not a ticket.', { code: 'NotATicket' });
  return t;
}

/** True when the actor is staff of the ticket's category (a staff role, or Manage Channels there). */
export function isStaff(s: TicketServices, t: Ticket, a: TicketActor): boolean {
  const staff = s.config.categories.find((c) => c.id === t.category)?.staffRoles ?? [];
  return (a.permissions & (P.ManageChannels | P.Administrator)) !== 0n || a.roles.some((r) => staff.includes(r));
}

function requireStaff(s: TicketServices, t: Ticket, a: TicketActor): void {
  if (!isStaff(s, t, a)) throw refuse('Only the staff of this ticket may do that.');
}

/** Claims the ticket for a staff member (announced in the channel). */
export async function claimTicket(s: TicketServices, t: Ticket, a: TicketActor): Promise<string> {
  requireStaff(s, t, a);
  if (t.status !== 'open') throw refuse('This ticket is closed.', 'TicketClosed');
  if (!(await ticketStore.claim(s.db, t.id, a.userId))) throw refuse(`<@${t.claimedBy}> has already claimed this ticket.`, 'TicketClaimed');
  await discordCall(() => s.rest.post(Routes.channelMessages(t.channelId!), { body: { content: `🙋 <@${a.userId}> is handling this ticket.`, allowed_mentions: { parse: [] } } }));
  return `You claimed ticket #${t.number}.`;
}

/** Lets another member see and write in the ticket (staff only). */
export async function addMember(s: TicketServices, t: Ticket, a: TicketActor, userId: string): Promise<string> {
  requireStaff(s, t, a);
  await discordCall(() => s.rest.put(Routes.channelPermission(t.channelId!, userId), { body: { type: OverwriteType.Member, allow: String(MEMBER_BITS), deny: '0' }, reason: `Ticket #${t.number}: added by ${a.userId}` }));
  return `<@${userId}> was added to ticket #${t.number}.`;
}

/** Takes a member out of the ticket (staff only; not its opener). */
export async function removeMember(s: TicketServices, t: Ticket, a: TicketActor, userId: string): Promise<string> {
  requireStaff(s, t, a);
  if (userId === t.openerId) throw refuse('The member who opened the ticket cannot be removed: close it instead.');
  await discordCall(() => s.rest.delete(Routes.channelPermission(t.channelId!, userId), { reason: `Ticket #${t.number}: removed by ${a.userId}` })).catch((err: unknown) => {
    if (!(err instanceof HttpError && err.status === 404)) throw err;
  });
  return `<@${userId}> was removed from ticket #${t.number}.`;
}

/** Renames the ticket's channel (staff only; Discord's channel name rules). */
export async function renameTicket(s: TicketServices, t: Ticket, a: TicketActor, name: string): Promise<string> {
  requireStaff(s, t, a);
  const clean = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 90);
  if (!clean) throw new HttpError(400, 'Give a name with letters or digits.', { code: 'TicketNameInvalid' });
  await discordCall(() => s.rest.patch(Routes.channel(t.channelId!), { body: { name: clean }, reason: `Ticket #${t.number}: renamed by ${a.userId}` }));
  return `Ticket #${t.number} renamed to #${clean}.`;
}

/**
 * Closes a ticket (its member or staff): the transcript is made from the channel's messages and
 * stored with the first-response time, the member loses access, a note with a Reopen button is
 * posted, the log channel gets the transcript (file and dashboard link) and the member a DM with
 * it when enabled. A second close of a closed ticket is refused.
 */
export async function closeTicket(s: TicketServices, t: Ticket, a: TicketActor, reason: string, sign: Sign): Promise<string> {
  if (a.userId !== t.openerId) requireStaff(s, t, a);
  if (t.status !== 'open') throw refuse('This ticket is already closed.', 'TicketClosed');
  const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId, config: s.appConfig };
  const [messages, botId, guild] = await Promise.all([readMessages(s.rest, t.channelId!), botUserId(d), guildData.guild(d)]);
  const html = transcriptHtml(t, messages, { guildName: guild.name, reason, closedBy: a.userId });
  if (!(await ticketStore.close(s.db, t.id, { by: a.userId, reason, transcript: html, firstResponse: firstResponse(messages, t, botId) }))) throw refuse('This ticket is already closed.', 'TicketClosed');
  const file = () => [{ name: `ticket-${t.number}.html`, data: new TextEncoder().encode(html), contentType: 'text/html' }];
  await discordCall(() => s.rest.put(Routes.channelPermission(t.channelId!, t.openerId), { body: { type: OverwriteType.Member, allow: '0', deny: String(P.ViewChannel) }, reason: `Ticket #${t.number} closed` }));
  await discordCall(async () => s.rest.post(Routes.channelMessages(t.channelId!), { body: await closedMessage(t, a.userId, reason, sign) }));
  const link = `${s.appConfig.PUBLIC_URL.replace(/\/$/, '')}/api/guilds/${s.guildId}/modules/tickets/tickets/${t.id}/transcript`;
  const summary = `Ticket #${t.number} (${t.category}) of <@${t.openerId}> closed by <@${a.userId}>: ${reason}`;
  await Promise.allSettled([
    s.config.logChannelId && discordCall(() => s.rest.post(Routes.channelMessages(s.config.logChannelId!), { body: { embeds: [{ title: `🎫 Ticket #${t.number} closed`, description: `${summary}\n[Transcript](${link}) · ${messages.length} messages`, color: 0x99aab5 }], allowed_mentions: { parse: [] } }, files: file() })),
    s.config.dmTranscript && discordCall<{ id: string }>(() => s.rest.post(Routes.userChannels(), { body: { recipient_id: t.openerId } })).then((dm) =>
      discordCall(() => s.rest.post(Routes.channelMessages(dm.id), { body: { content: `Your ticket #${t.number} in ${guild.name} was closed: ${reason}. Its transcript is attached.`, allowed_mentions: { parse: [] } }, files: file() }))),
  ].filter(Boolean) as Promise<unknown>[]).then((r) => r.forEach((x) => x.status === 'rejected' && s.log.warn('ticket close notice failed', { guildId: s.guildId, ticket: t.id, error: String(x.reason) })));
  await s.hub?.publish({ items: [{ module: 'tickets', kind: 'tickets.closed', level: 'info', audit: true, summary, details: { ticketId: t.id } }] }).catch(() => undefined);
  return `Ticket #${t.number} closed.`;
}

/** Reopens a closed ticket (staff only): the member sees it again. */
export async function reopenTicket(s: TicketServices, t: Ticket, a: TicketActor): Promise<string> {
  requireStaff(s, t, a);
  if (!(await ticketStore.reopen(s.db, t.id))) throw refuse('This ticket is open.', 'TicketOpen');
  await discordCall(() => s.rest.put(Routes.channelPermission(t.channelId!, t.openerId), { body: { type: OverwriteType.Member, allow: String(MEMBER_BITS), deny: '0' }, reason: `Ticket #${t.number} reopened` }));
  await discordCall(() => s.rest.post(Routes.channelMessages(t.channelId!), { body: { content: `🔓 Ticket reopened by <@${a.userId}>.`, allowed_mentions: { parse: [] } } }));
  return `Ticket #${t.number} reopened.`;
}
