import type { z } from 'zod';
import type { ModuleContext } from './ModuleContext';

/** A module's services in one guild: the context's services (opened on first use) and its parsed config. */
export interface GuildServices<C> extends Pick<ModuleContext, 'db' | 'rest' | 'jobs' | 'log' | 'appConfig' | 'plan' | 'hub'> {
  guildId: string;
  config: C;
}

/**
 * The services a module's entry points share in a guild: `db`, `rest` and `hub` stay getters so
 * nothing is opened until used; the config is parsed with the module's schema (defaults filled).
 */
export function guildServices<S extends z.ZodType>(ctx: ModuleContext, schema: S, guildId = ctx.guildId): GuildServices<z.output<S>> {
  if (!guildId) throw new Error(`${ctx.moduleId} needs a guild`);
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig, plan: ctx.plan,
    config: schema.parse(ctx.config ?? {}),
  };
}
