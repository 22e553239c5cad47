import type { REST } from '@discordjs/rest';
import type { Pool } from '@neondatabase/serverless';
import type { Config, Env } from '../env';
import { QstashJobQueue } from '../jobs/QstashJobQueue';
import type { JobQueue } from '../jobs/types';
import { createDb, type Db } from '../lib/db';
import type { Logger } from '@edge/shared/log';
import { getQstash } from '../lib/qstash';
import { createRest } from './processing/createRest';
import { guildHub, type GuildHubClient } from './hub/guildHub';
import type { ModuleContext, ModuleJobs, ScheduleOptions, ScheduleWhen } from './ModuleContext';

/** What {@link ModuleServices} is built from. */
export interface ModuleServicesInit {
  appConfig: Config;
  log: Logger;
  requestId: string;
  moduleId: string;
  guildId: string | undefined;
  /** Bindings, for the hub; absent where the hub is reached another way (`hub`). */
  env?: Pick<Env, 'GUILD_HUB'>;
  hub?: (guildId: string) => GuildHubClient;
  /** The queue jobs go to (tests capture it); default QStash. */
  queue?: JobQueue;
  /** The invocation's own database (an `/api` request's single connection), closed by its owner; default a pool of ours. */
  db?: () => Db;
}

/** The Worker's origin as QStash reaches it. */
export const selfOrigin = (config: Config) => config.WORKER_SELF_URL ?? config.PUBLIC_URL;

/** Schedules jobs for a module and guild through the queue (QStash in production). */
export function moduleJobs(queue: () => JobQueue, init: Pick<ModuleServicesInit, 'moduleId' | 'guildId' | 'requestId'>): ModuleJobs {
  return {
    async schedule(name: string, payload: unknown, when: ScheduleWhen, options: ScheduleOptions = {}) {
      const delay = when.at ? Math.ceil((when.at.getTime() - Date.now()) / 1000) : when.delay;
      if (!Number.isFinite(delay)) throw new TypeError(`schedule(${name}): give a delay in seconds or a date`);
      await queue().publish(
        name,
        { payload, requestId: init.requestId, retries: options.retries ?? 3, moduleId: init.moduleId, ...(init.guildId && { guildId: init.guildId }) },
        {
          ...(delay! > 0 && (when.at ? { notBefore: Math.floor(when.at.getTime() / 1000) } : { delaySeconds: delay })),
          ...(options.key !== undefined && { deduplicationId: `${name}:${init.guildId ?? '-'}:${options.key}` }),
        },
      );
    },
  };
}

/**
 * The lazily opened parts of a {@link ModuleContext}: the database pool on first `db`, the hub
 * client on first `hub`. Whoever builds one calls `close()` when the invocation is done.
 */
export class ModuleServices {
  #pool: Pool | undefined;
  #db: Db | undefined;
  #hub: GuildHubClient | undefined;
  #queue: JobQueue | undefined;
  readonly jobs: ModuleJobs;

  constructor(private readonly init: ModuleServicesInit) {
    this.jobs = moduleJobs(() => (this.#queue ??= init.queue ?? new QstashJobQueue(getQstash(init.appConfig), selfOrigin(init.appConfig))), init);
  }

  get db(): Db {
    if (!this.#db) {
      if (this.init.db) this.#db = this.init.db();
      else ({ db: this.#db, pool: this.#pool } = createDb(this.init.appConfig));
    }
    return this.#db;
  }

  get rest(): REST {
    return createRest(this.init.appConfig);
  }

  get hub(): GuildHubClient | undefined {
    const { guildId, hub, env } = this.init;
    if (!guildId) return undefined;
    if (!this.#hub) {
      if (hub) this.#hub = hub(guildId);
      else if (env) this.#hub = guildHub(env, guildId);
      else throw new Error('ModuleServices: no hub binding');
    }
    return this.#hub;
  }

  /** A full context for a handler of the module, with the guild's config and plan. */
  context<C>(extra: { config: C; plan: ModuleContext['plan'] }): ModuleContext<C> {
    const open = { db: () => this.db, rest: () => this.rest, hub: () => this.hub };
    return {
      moduleId: this.init.moduleId,
      guildId: this.init.guildId,
      config: extra.config,
      plan: extra.plan,
      get db() { return open.db(); },
      get rest() { return open.rest(); },
      get hub() { return open.hub(); },
      jobs: this.jobs,
      log: this.init.log,
      appConfig: this.init.appConfig,
    };
  }

  /** Ends the database pool if one was opened. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    this.#db = undefined;
    await pool?.end().catch(() => {});
  }
}

/** The queue jobs go to in production (QStash). */
export const qstashQueue = (config: Config): JobQueue => new QstashJobQueue(getQstash(config), selfOrigin(config));

/**
 * The module services an event handler gets on top of the processing context (hub and jobs
 * for its guild): ingest processing adds them at its call site.
 */
export function eventServices(ctx: { env: Env; appConfig: Config }, moduleId: string, guildId: string, eventId: string) {
  let queue: JobQueue | undefined;
  return {
    moduleId,
    // A stub is only a handle (no request until a call); absent where processing runs without bindings (tests).
    hub: ctx.env?.GUILD_HUB ? guildHub(ctx.env, guildId) : undefined,
    jobs: moduleJobs(() => (queue ??= qstashQueue(ctx.appConfig)), { moduleId, guildId, requestId: `event:${eventId}` }),
  };
}
