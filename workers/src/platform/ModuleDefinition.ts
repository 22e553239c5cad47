import type { REST } from '@discordjs/rest';
import type { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Config, Env } from '../env';
import type { ComponentHandler, ModalHandler, SlashCommand, UserCommand } from '../interactions/types';
import type { JobHandler } from '../jobs/types';
import type { Db } from '../lib/db';
import type { Logger } from '@edge/shared/log';
import type { ModuleApi } from './moduleApi';
import type { LocalStore } from './LocalStore';
import type { ModuleContext, ModuleJobs } from './ModuleContext';
import type { MemberActionHandler } from './MemberActions';
import type { FeedInput } from './hub/feed';
import type { GuildInfo } from './hub/GuildState';
import type { Plan, PlanLimits } from './Plan';

export { PLANS, type Plan, type PlanLimits } from './Plan';

/** Dashboard navigation groups (seed 000 `ModuleCategory`). */
export type ModuleCategory = 'core' | 'engagement' | 'moderation' | 'utility' | 'analytics';

/** What every handler gets, whatever the event (filled in by the ingest processor). */
export interface ProcessingContext {
  env: Env;
  appConfig: Config;
  /** Postgres: in the guild hub it connects on first use, so a handler that does not need it costs nothing. */
  db: Db;
  rest: REST;
  log: Logger;
  /**
   * Runs `effect` at most once per (event id, key), across re-deliveries and dead-letter retries
   * (claims kept 30 days in the guild hub's SQLite):
   * returns false without running it when it already ran. A throw releases the claim so a
   * later retry may run it again. (Claim-before-act: a crash mid-send means never, not twice.)
   */
  once(eventId: string, key: string, effect: () => Promise<void>): Promise<boolean>;
  /** Pushes an item to the guild's live feed; `audit: true` also writes the dashboard audit log. */
  report(guildId: string, item: FeedInput): void;
  /**
   * Shares a read between the handlers of this processing run (one batch): the first call with
   * `key` runs `load`, the others get its promise. Put the guild id in the key. Not a cache
   * across batches: data is at most one batch old. A failed load is not kept.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The guild hub's own SQLite, when the handlers run inside the hub (one guild per run);
   * undefined elsewhere. Modules keep hot counters there and move them to Postgres in `flush`.
   */
  local?: LocalStore;
}

/** Context handed to a module's per-event handler: the module services plus the event's facts. */
export interface EventContext extends ProcessingContext, Omit<ModuleContext, 'guildId' | 'db' | 'rest' | 'log' | 'appConfig'> {
  /** Stable event id (idempotency key for any side effect). */
  eventId: string;
  guildId: string;
  /** Guild facts as last known (name, member count after lifecycle processing of this batch). */
  guild: GuildInfo | null;
}

/**
 * Handles one gateway dispatch type for a module. An event's handlers run in registry order,
 * but the events of one batch run side by side (their `once` claims share a round trip), so a
 * handler must not rely on another event's handler having finished: ordered state belongs in a
 * `batchHandler` or a set-based statement. Start independent effects together (`Promise.allSettled`)
 * so their claims go out in the same round.
 */
export type EventHandler = (payload: unknown, ctx: EventContext) => Promise<void>;

/** One stored event handed to a batch handler, with the guild's plan and the module's config. */
export interface ModuleEvent {
  eventId: string;
  guildId: string;
  type: GatewayDispatchEvents;
  payload: unknown;
  receivedAt: Date;
  config: unknown;
  plan: Plan;
}

/** Handles all of a batch's events for a module at once (for set-based writes such as stats). */
export type BatchHandler = (events: ModuleEvent[], ctx: ProcessingContext) => Promise<void>;

/** Context of a module's cron hook (instance-wide: no guild, so no config or hub). */
export interface ScheduledContext {
  env: Env;
  appConfig: Config;
  db: Db;
  log: Logger;
  now: Date;
  rest: REST;
  /** Jobs scheduled from cron are not tied to a guild. */
  jobs: ModuleJobs;
}

/** What a module's `flush` gets: the hub's local storage and a Postgres opened on first use. */
export interface FlushContext {
  guildId: string;
  local: LocalStore;
  /** Opened on first use: a flush with nothing to send costs no connection. */
  readonly db: Db;
  log: Logger;
  now: Date;
  appConfig: Config;
}

/** What a flush did. */
export interface FlushOutcome {
  /** Statements sent to Postgres (0: nothing was pending). */
  statements: number;
  /** True when data is still waiting (the next flush takes it). */
  pending: boolean;
}

/** What a module's `readLocal` gets: the hub's local storage, read-only by convention. */
export interface LocalReadContext {
  guildId: string;
  local: LocalStore;
  now: Date;
}

/** What a lifecycle hook gets: the module services in that guild, with the config now in force. */
export type LifecycleContext<C = unknown> = ModuleContext<C> & { guildId: string; actorId: string | null };

/**
 * Everything a module is (ARCHITECTURE "Modules", seed 000 `ModuleDefinition`):
 * one object per module in `modules/<id>/definition.ts`, gathered by the registry.
 */
export interface ModuleDefinition<Schema extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  icon: string;
  category: ModuleCategory;
  /** Whether the module can be enabled on each plan. */
  availability: Record<Plan, boolean>;
  /** Limits per plan, e.g. `{ free: { autoroles: 1 }, premium: { autoroles: -1 } }`. */
  limits: Partial<Record<Plan, PlanLimits>>;
  /**
   * What a config uses of each limited resource (`{ autoroles: 2, embeds: 1 }`); the manager
   * refuses a config whose usage exceeds the plan's limit. Keys missing here are not checked.
   */
  usage?: (config: z.infer<Schema>) => Record<string, number>;
  /** Ids of modules that must be on for this one to be enabled. */
  dependencies: string[];
  /** Gateway dispatches this module consumes; the shard forwards nothing else. */
  events: GatewayDispatchEvents[];
  /** Gateway intents those events need. */
  intents: GatewayIntentBits[];
  /**
   * Per event, the payload fields its handlers read (dotted paths, `author.id`). When every
   * module consuming an event declares them, the shard forwards only those fields (plus the
   * platform's): smaller batches, no message content unless a module asks for it. An event
   * left out here is forwarded whole.
   */
  fields?: Partial<Record<GatewayDispatchEvents, string[]>>;
  /**
   * Per event, more fields forwarded only in the guilds where this module is on (message
   * `content`: privileged and bulky, so a guild with Stats alone never ships it). They extend a
   * projection; the event must also be in `fields` (else it is forwarded whole anyway).
   */
  guildFields?: Partial<Record<GatewayDispatchEvents, string[]>>;
  /** The one source of validation of the module's config; `parse({})` must give the defaults. */
  configSchema: Schema;
  /** True for modules that are always on (core commands); they cannot be disabled. */
  alwaysOn?: boolean;
  commands?: SlashCommand[];
  /**
   * Answers guild commands no module declares (names an admin chose: Custom commands). Their
   * options are passed through as sent (flattened, not checked against a declaration): the
   * handler checks them against its own stored definition. At most one module declares it.
   */
  guildCommands?: Pick<SlashCommand, 'execute'>;
  /** User context-menu commands (a member's menu → Apps). */
  userCommands?: UserCommand[];
  components?: ComponentHandler[];
  modals?: ModalHandler[];
  /** Per-event handlers, called for guilds where the module is enabled. */
  eventHandlers?: Partial<Record<GatewayDispatchEvents, EventHandler>>;
  /** Called once per processed batch with the module's events (enabled guilds only). */
  batchHandler?: BatchHandler;
  /**
   * Moves what the module keeps in the hub's local storage to Postgres. The hub's alarm calls
   * it at wall-clock-aligned times (every `STATS_FLUSH_MINUTES`, the same minutes in every
   * guild, so Neon sleeps in between), for every module that has one, enabled or not (a module
   * turned off still owes its counted data). It must be idempotent: a flush that failed, or
   * whose answer was lost, is sent again.
   */
  flush?: (ctx: FlushContext) => Promise<FlushOutcome>;
  /**
   * Reads the module's unflushed local data for the Worker (API routes, commands), through
   * `hub.readLocal(moduleId, args)`, so answers are exact before a flush. Synchronous and small.
   */
  readLocal?: (ctx: LocalReadContext, args: unknown) => unknown;
  /** Called by the Worker's cron (`scheduled()`), e.g. retention. */
  scheduled?: (ctx: ScheduledContext) => Promise<void>;
  /**
   * Discord permissions the bot needs in the guild for this module to work (`PermissionFlagsBits`
   * or-ed together). The dashboard warns when the bot lacks one and offers an invite link asking
   * for exactly these.
   */
  botPermissions?: bigint;
  /** After the module is turned on in a guild (e.g. create a channel, register a panel). */
  onEnable?: (ctx: LifecycleContext<z.infer<Schema>>) => Promise<void>;
  /** After the module is turned off in a guild (e.g. cancel what it scheduled). */
  onDisable?: (ctx: LifecycleContext<z.infer<Schema>>) => Promise<void>;
  /** After the config changed while the module is on (`ctx.config` is the new one). */
  onConfigChange?: (ctx: LifecycleContext<z.infer<Schema>>, before: z.infer<Schema>) => Promise<void>;
  /**
   * Takes over the dashboard's member actions (kick, ban, timeout, lift) while the module is on
   * in the guild (see {@link MemberActionHandler}); the first enabled module in registry order
   * that declares one gets them.
   */
  memberActions?: MemberActionHandler;
  /** Routes mounted under `/api/guilds/:guildId/modules/<id>/`, each with the access it requires. */
  api?: ModuleApi;
  /**
   * Work delivered by QStash to `POST /jobs/<name>` (e.g. what `ctx.deferToJob` hands off).
   * Names are global: prefix them with the module id (`stats.export`).
   */
  jobs?: JobHandler[];
}
