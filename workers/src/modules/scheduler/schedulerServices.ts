import type { ModuleContext } from '../../platform/ModuleContext';
import { schedulerConfigSchema, type SchedulerConfig } from './config';

/** What every Scheduler entry point needs: the module services of one guild (opened on first use). */
export interface SchedulerServices extends Pick<ModuleContext, 'db' | 'rest' | 'jobs' | 'log' | 'appConfig' | 'plan' | 'hub'> {
  guildId: string;
  config: SchedulerConfig;
}

/** The Scheduler services of a module context in a guild. */
export function schedulerServices(ctx: ModuleContext, guildId = ctx.guildId): SchedulerServices {
  if (!guildId) throw new Error('scheduler needs a guild');
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: schedulerConfigSchema.parse(ctx.config ?? {}),
  };
}
