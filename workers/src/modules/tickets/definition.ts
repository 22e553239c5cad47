import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';
import { createTicketsApi } from './api';
import { ticketCommand } from './commands/ticketCommand';
import { ticketsConfigSchema } from './config';
import { claimButton, closeButton, formModal, openButton, reasonModal, reopenButton } from './ticketComponents';

/** Support tickets: a panel, a form, private channels, transcripts and response-time statistics (issue #18). */
export const ticketsModule: ModuleDefinition<typeof ticketsConfigSchema> = {
  id: 'tickets',
  name: 'Tickets',
  description: 'A panel opens private ticket channels (support, report, appeal…) after a short form; claim, add, rename, close with a reason and an HTML transcript, response-time statistics',
  icon: '🎫',
  category: 'moderation',
  availability: { free: true, premium: true, max: true },
  limits: { free: { categories: 2 }, premium: { categories: 5 }, max: { categories: 5 } },
  usage: (c) => ({ categories: c.categories.length }),
  dependencies: [],
  // Buttons, modals and commands drive it; first responses are read from the transcript at close.
  events: [],
  intents: [],
  configSchema: ticketsConfigSchema,
  botPermissions: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.ManageChannels | P.ManageRoles,
  commands: [ticketCommand],
  components: [openButton, claimButton, closeButton, reopenButton],
  modals: [formModal, reasonModal],
  api: createTicketsApi(),
};
