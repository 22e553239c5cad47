import type { ModuleContext } from '../../platform/ModuleContext';
import { guildServices, type GuildServices } from '../../platform/guildServices';
import { schedulerConfigSchema, type SchedulerConfig } from './config';

/** What every Scheduler entry point needs: the module services of one guild (opened on first use). */
export type SchedulerServices = GuildServices<SchedulerConfig>;

/** The Scheduler services of a module context in a guild. */
export function schedulerServices(ctx: ModuleContext, guildId = ctx.guildId): SchedulerServices {
  return guildServices(ctx, schedulerConfigSchema, guildId);
}
