import type { ModuleContext } from '../../platform/ModuleContext';
import { guildServices, type GuildServices } from '../../platform/guildServices';
import { ticketsConfigSchema, type TicketsConfig } from './config';

/** What every Tickets entry point needs: the module services of one guild (opened on first use). */
export type TicketServices = GuildServices<TicketsConfig>;

/** The Tickets services of a module context in a guild. */
export function ticketServices(ctx: ModuleContext, guildId = ctx.guildId): TicketServices {
  return guildServices(ctx, ticketsConfigSchema, guildId);
}
