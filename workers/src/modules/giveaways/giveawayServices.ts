import type { ModuleContext } from '../../platform/ModuleContext';
import { guildServices, type GuildServices } from '../../platform/guildServices';
import { giveawaysConfigSchema, type GiveawaysConfig } from './config';

/** What every Giveaways entry point needs: the module services of one guild (opened on first use). */
export type GiveawayServices = GuildServices<GiveawaysConfig>;

/** The Giveaways services of a module context in a guild. */
export function giveawayServices(ctx: ModuleContext, guildId = ctx.guildId): GiveawayServices {
  return guildServices(ctx, giveawaysConfigSchema, guildId);
}
