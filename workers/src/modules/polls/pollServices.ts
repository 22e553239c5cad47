import type { ModuleContext } from '../../platform/ModuleContext';
import { pollsConfigSchema, type PollsConfig } from './config';

/** What every Polls entry point needs: the module services of one guild (getters: opened on first use). */
export interface PollServices extends Pick<ModuleContext, 'db' | 'rest' | 'jobs' | 'log' | 'appConfig' | 'plan' | 'hub'> {
  guildId: string;
  config: PollsConfig;
}

/** The Polls services of a module context in a guild. */
export function pollServices(ctx: ModuleContext, guildId = ctx.guildId): PollServices {
  if (!guildId) throw new Error('polls needs a guild');
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: pollsConfigSchema.parse(ctx.config ?? {}),
  };
}
