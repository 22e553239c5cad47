import { ButtonStyle, ComponentType, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { TicketsConfig } from './config';
import type { Ticket } from './data/ticketStore';

type Sign = (prefix: string, ...state: string[]) => Promise<string>;

/** `custom_id` prefixes of the module's buttons and modals. */
export const IDS = { open: 'tickets.open', form: 'tickets.form', claim: 'tickets.claim', close: 'tickets.close', reason: 'tickets.reason', reopen: 'tickets.reopen' } as const;

const button = async (sign: Sign, label: string, prefix: string, state: string, style: ButtonStyle, emoji?: string | null) => ({
  type: ComponentType.Button as const, style: style as ButtonStyle.Primary, label, custom_id: await sign(prefix, state),
  ...(emoji ? { emoji: /^<a?:\w+:(\d+)>$/.test(emoji) ? { id: /(\d+)>$/.exec(emoji)![1]! } : { name: emoji } } : {}),
});

/** The panel: title, text and one button per category (five per row). */
export async function panelMessage(config: TicketsConfig, sign: Sign): Promise<RESTPostAPIChannelMessageJSONBody> {
  const buttons = await Promise.all(config.categories.map((c) => button(sign, c.label, IDS.open, c.id, ButtonStyle.Primary, c.emoji)));
  return { embeds: [{ title: config.panelTitle, description: config.panelText, color: 0x5865f2 }], components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [], allowed_mentions: { parse: [] } };
}

/** The first message of a ticket: who opened it, their answers, Claim and Close buttons; pings the member and staff. */
export async function welcomeMessage(t: Ticket, label: string, staffRoles: string[], sign: Sign): Promise<RESTPostAPIChannelMessageJSONBody> {
  return {
    content: `<@${t.openerId}>${staffRoles.length ? ` ${staffRoles.map((r) => `<@&${r}>`).join(' ')}` : ''}`,
    embeds: [{ title: `🎫 Ticket #${t.number} · ${label}`, description: 'The staff will answer here. Close the ticket when you are done.', fields: t.answers.map((a) => ({ name: a.question, value: a.answer.slice(0, 1024) || '—' })), color: 0x5865f2 }],
    components: [{ type: ComponentType.ActionRow, components: [await button(sign, 'Claim', IDS.claim, String(t.id), ButtonStyle.Secondary), await button(sign, 'Close', IDS.close, String(t.id), ButtonStyle.Danger)] }],
    allowed_mentions: { users: [t.openerId], roles: staffRoles },
  };
}

/** The note posted when a ticket closes, with a Reopen button. */
export async function closedMessage(t: Pick<Ticket, 'id'>, by: string, reason: string, sign: Sign): Promise<RESTPostAPIChannelMessageJSONBody> {
  return {
    embeds: [{ title: '🔒 Ticket closed', description: `Closed by <@${by}>: ${reason}`, color: 0xed4245 }],
    components: [{ type: ComponentType.ActionRow, components: [await button(sign, 'Reopen', IDS.reopen, String(t.id), ButtonStyle.Secondary)] }],
    allowed_mentions: { parse: [] },
  };
}
