import type { ModuleContext } from '../../platform/ModuleContext';
import { guildServices, type GuildServices } from '../../platform/guildServices';
import { pollsConfigSchema, type PollsConfig } from './config';

/** What every Polls entry point needs: the module services of one guild (opened on first use). */
export type PollServices = GuildServices<PollsConfig>;

/** The Polls services of a module context in a guild. */
export function pollServices(ctx: ModuleContext, guildId = ctx.guildId): PollServices {
  return guildServices(ctx, pollsConfigSchema, guildId);
}
