import type { REST } from '@discordjs/rest';
import type { Config } from '../../env';
import type { Db } from '../../lib/db';
import type { Logger } from '@edge/shared/log';
import type { ModuleContext, ModuleJobs } from '../../platform/ModuleContext';
import type { Plan } from '../../platform/ModuleDefinition';
import { moderationConfigSchema, type ModerationConfig } from './config';

/** Where an action was taken from (kept on the case). */
export type CaseSource = 'command' | 'dashboard' | 'discord' | 'system' | 'automod';

/** What every moderation action needs: the module services of one guild, with its config. */
export interface ModerationServices {
  guildId: string;
  readonly db: Db;
  readonly rest: REST;
  jobs: ModuleJobs;
  log: Logger;
  appConfig: Config;
  config: ModerationConfig;
  plan: Plan;
}

/**
 * The moderation services of a module context (slash command, job, API route): the same
 * object wherever an action starts, so every entry point runs the same action functions.
 */
export function moderationServices(ctx: ModuleContext, guildId = ctx.guildId): ModerationServices {
  if (!guildId) throw new Error('moderation needs a guild');
  const config = moderationConfigSchema.parse(ctx.config ?? {});
  return {
    guildId,
    get db() { return ctx.db; },
    get rest() { return ctx.rest; },
    jobs: ctx.jobs,
    log: ctx.log,
    appConfig: ctx.appConfig,
    config,
    plan: ctx.plan,
  };
}
