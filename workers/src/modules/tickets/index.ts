/** What other modules may use from Tickets. */
export { ticketsModule } from './definition';
export { ticketsConfigSchema, type TicketsConfig } from './config';
export type { Ticket } from './data/ticketStore';
export type { TicketsApi } from './api';
