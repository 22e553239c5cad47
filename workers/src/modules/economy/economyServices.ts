import type { ModuleContext } from '../../platform/ModuleContext';
import { economyConfigSchema, type EconomyConfig } from './config';

/** What every Economy entry point needs: the module services of one guild (getters: opened on first use). */
export interface EconomyServices extends Pick<ModuleContext, 'db' | 'rest' | 'log' | 'appConfig' | 'plan'> {
  guildId: string;
  config: EconomyConfig;
}

/** The Economy services of a module context in a guild. */
export function economyServices(ctx: ModuleContext, guildId = ctx.guildId): EconomyServices {
  if (!guildId) throw new Error('economy needs a guild');
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: economyConfigSchema.parse(ctx.config ?? {}),
  };
}
