import type { REST } from '@discordjs/rest';
import type { Config } from '../env';
import type { Db } from '../lib/db';
import type { Logger } from '@edge/shared/log';
import type { GuildHubClient } from './hub/guildHub';
import type { Plan } from './ModuleDefinition';

/** When a scheduled job runs: after `delay` seconds, or at `at`. */
export type ScheduleWhen = { delay: number; at?: never } | { at: Date; delay?: never };

/** Options of {@link ModuleJobs.schedule}. */
export interface ScheduleOptions {
  /**
   * Deduplication key: scheduling the same job and key for the same guild again within
   * QStash's window (10 minutes) is a no-op. Without it, only a retried publish of the same
   * request is deduplicated.
   */
  key?: string;
  /** Deliveries QStash retries after a failure (default 3). */
  retries?: number;
}

/** Work for later, delivered by QStash to `POST /jobs/<name>` and verified there. */
export interface ModuleJobs {
  /** Runs the job `name` (declared in some module's `jobs`) with `payload` later. */
  schedule(name: string, payload: unknown, when: ScheduleWhen, options?: ScheduleOptions): Promise<void>;
}

/**
 * What every module handler gets, wherever it runs: slash commands, components, modals, event
 * handlers, jobs, cron hooks, lifecycle hooks and API routes. `db`, `rest` and `hub` are opened
 * on first use, so a handler that does not touch the database opens no connection.
 */
export interface ModuleContext<C = unknown> {
  /** The module this handler belongs to. */
  moduleId: string;
  /** Undefined outside a guild (DMs, instance-wide cron). */
  guildId: string | undefined;
  /** The module's validated config for this guild (undefined outside a guild). */
  config: C;
  /** The guild's plan (`free` outside a guild). */
  plan: Plan;
  /** Postgres (drizzle) for this invocation; the pool is ended when the invocation is done. */
  readonly db: Db;
  /** The bot's Discord REST client (rate limits and 429s handled). */
  readonly rest: REST;
  /** The guild's hub (module state writes, live feed); undefined outside a guild. */
  readonly hub: GuildHubClient | undefined;
  jobs: ModuleJobs;
  log: Logger;
  /** The Worker's validated variables. */
  appConfig: Config;
}
