import type { ModuleContext } from '../../platform/ModuleContext';
import { giveawaysConfigSchema, type GiveawaysConfig } from './config';

/** What every Giveaways entry point needs: the module services of one guild (opened on first use). */
export interface GiveawayServices extends Pick<ModuleContext, 'db' | 'rest' | 'jobs' | 'log' | 'appConfig' | 'plan' | 'hub'> {
  guildId: string;
  config: GiveawaysConfig;
}

/** The Giveaways services of a module context in a guild. */
export function giveawayServices(ctx: ModuleContext, guildId = ctx.guildId): GiveawayServices {
  if (!guildId) throw new Error('giveaways needs a guild');
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: giveawaysConfigSchema.parse(ctx.config ?? {}),
  };
}
