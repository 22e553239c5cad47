import type { ModuleContext } from '../../platform/ModuleContext';
import { ticketsConfigSchema, type TicketsConfig } from './config';

/** What every Tickets entry point needs: the module services of one guild (opened on first use). */
export interface TicketServices extends Pick<ModuleContext, 'db' | 'rest' | 'log' | 'appConfig' | 'plan' | 'hub'> {
  guildId: string;
  config: TicketsConfig;
}

/** The Tickets services of a module context in a guild. */
export function ticketServices(ctx: ModuleContext, guildId = ctx.guildId): TicketServices {
  if (!guildId) throw new Error('tickets needs a guild');
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: ticketsConfigSchema.parse(ctx.config ?? {}),
  };
}
