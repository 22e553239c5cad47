import { ComponentType, InteractionResponseType, TextInputStyle, type APIInteractionResponse, type APIModalSubmitInteraction } from 'discord-api-types/v10';
import { HttpError } from '../../errors';
import type { ComponentHandler, InteractionContext, ModalHandler } from '../../interactions/types';
import { ticketStore, type Ticket } from './data/ticketStore';
import { openTicket } from './openTicket';
import { claimTicket, closeTicket, reopenTicket, type TicketActor } from './ticketActions';
import { IDS } from './ticketMessages';
import { ticketServices, type TicketServices } from './ticketServices';

const sign = (ctx: InteractionContext) => (p: string, ...st: string[]) => ctx.customId(p, ...st);
const actorOf = (ctx: InteractionContext, roles: readonly string[] | undefined): TicketActor => ({ userId: ctx.userId, roles: roles ?? [], permissions: ctx.permissions });

async function ticketById(s: TicketServices, id: string): Promise<Ticket> {
  const t = await ticketStore.get(s.db, s.guildId, Number(id));
  if (!t) throw new HttpError(404, 'This ticket no longer exists.', { code: 'NotFound' });
  return t;
}

function modal(customId: string, title: string, fields: { id: string; label: string; long: boolean; required: boolean }[]): APIInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: customId, title: title.slice(0, 45),
      components: fields.map((f) => ({ type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id: f.id, label: f.label, style: f.long ? TextInputStyle.Paragraph : TextInputStyle.Short, required: f.required, max_length: f.long ? 1000 : 200 }] })),
    },
  };
}

/** The values of a modal's text inputs by `custom_id`. */
function fieldsOf(interaction: APIModalSubmitInteraction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of interaction.data.components ?? []) for (const c of (row as { components?: { custom_id: string; value?: string }[] }).components ?? []) out[c.custom_id] = c.value ?? '';
  return out;
}

/** A panel button: the category's form first (a modal), or the ticket at once when it has none. */
export const openButton: ComponentHandler = {
  prefix: IDS.open,
  async execute(interaction, ctx) {
    const s = ticketServices(ctx);
    const category = s.config.categories.find((c) => c.id === ctx.state[0]);
    if (!category) return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'This kind of ticket no longer exists: ask an admin to post the panel again.', flags: 64 } };
    if (category.questions.length) {
      return modal(await ctx.customId(IDS.form, category.id), `${category.label}: new ticket`, category.questions.map((q, i) => ({ id: `q${i}`, ...q })));
    }
    return ctx.defer(async () => {
      const t = await openTicket(s, category, ctx.userId, [], sign(ctx));
      return { content: `🎫 Your ticket is open: <#${t.channelId}>` };
    }, { ephemeral: true, update: false });
  },
};

/** The category's form, submitted: the ticket opens with the answers. */
export const formModal: ModalHandler = {
  prefix: IDS.form,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = ticketServices(ctx);
      const category = s.config.categories.find((c) => c.id === ctx.state[0]);
      if (!category) return { content: 'This kind of ticket no longer exists.' };
      const values = fieldsOf(interaction);
      const answers = category.questions.map((q, i) => ({ question: q.label, answer: (values[`q${i}`] ?? '').trim() }));
      const t = await openTicket(s, category, ctx.userId, answers, sign(ctx));
      return { content: `🎫 Your ticket is open: <#${t.channelId}>` };
    }, { ephemeral: true });
  },
};

/** Claim (staff). */
export const claimButton: ComponentHandler = {
  prefix: IDS.claim,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = ticketServices(ctx);
      return { content: await claimTicket(s, await ticketById(s, ctx.state[0]!), actorOf(ctx, interaction.member?.roles)) };
    }, { ephemeral: true, update: false });
  },
};

/** Close: asks for the reason first (a modal). */
export const closeButton: ComponentHandler = {
  prefix: IDS.close,
  async execute(_interaction, ctx) {
    return modal(await ctx.customId(IDS.reason, ctx.state[0]!), 'Close the ticket', [{ id: 'reason', label: 'Reason', long: false, required: true }]);
  },
};

/** The close reason, submitted: the ticket closes. */
export const reasonModal: ModalHandler = {
  prefix: IDS.reason,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = ticketServices(ctx);
      const reason = (fieldsOf(interaction).reason ?? '').trim() || 'No reason given';
      return { content: await closeTicket(s, await ticketById(s, ctx.state[0]!), actorOf(ctx, interaction.member?.roles), reason.slice(0, 500), sign(ctx)) };
    }, { ephemeral: true });
  },
};

/** Reopen (staff). */
export const reopenButton: ComponentHandler = {
  prefix: IDS.reopen,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = ticketServices(ctx);
      return { content: await reopenTicket(s, await ticketById(s, ctx.state[0]!), actorOf(ctx, interaction.member?.roles)) };
    }, { ephemeral: true, update: false });
  },
};
