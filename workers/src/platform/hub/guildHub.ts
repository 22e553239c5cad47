import type { Env } from '../../env';
import { SNOWFLAKE_PATTERN } from '@edge/shared/snowflake';
import { HttpError } from '../../errors/HttpError';
import { countUsage } from '../../lib/usage';
import type { FeedInput, FeedItem } from './feed';
import type { GuildInfo, GuildState } from './GuildState';
import type { Actor, ModuleChangeResult } from './HubCore';
import type { HubCounters, HubLive, ShardStatus } from './HubMessage';
import { fromHubResult, type HubResult } from './HubResult';
import type { ModuleEvent, Plan } from '../ModuleDefinition';
import type { FlushReport } from '../flushModules';
import type { ProcessResult } from '../processing/processStoredEvents';
import type { ProcessableEvent } from '../processing/ProcessableEvent';

/** The GuildHub's RPC surface as seen through a hub(). */
interface GuildHubRpc {
  getState(guildId: string): Promise<GuildState>;
  refresh(guildId: string): Promise<GuildState>;
  enable(guildId: string, input: unknown): Promise<HubResult<ModuleChangeResult>>;
  disable(guildId: string, input: unknown): Promise<HubResult<ModuleChangeResult>>;
  configure(guildId: string, input: unknown): Promise<HubResult<ModuleChangeResult>>;
  rollback(guildId: string, input: unknown): Promise<HubResult<ModuleChangeResult>>;
  setPlan(guildId: string, input: unknown): Promise<HubResult<GuildState>>;
  publish(guildId: string, input: unknown): Promise<void>;
  processEvents(guildId: string, events: ProcessableEvent[]): Promise<ProcessResult>;
  runBatch(guildId: string, moduleId: string, events: ModuleEvent[]): Promise<void>;
  readLocal(guildId: string, moduleId: string, args: unknown): Promise<{ state: GuildState; value: unknown }>;
  flushNow(guildId: string): Promise<FlushReport>;
  recentFeed(): Promise<FeedItem[]>;
  live(): Promise<HubLive>;
  shardStatusChanged(status: ShardStatus): Promise<number>;
  fetch(request: Request): Promise<Response>;
}

/** A guild's hub as the Worker uses it; refusals are thrown as `ModuleError` (4xx with a code). */
export interface GuildHubClient {
  getState(): Promise<GuildState>;
  refresh(): Promise<GuildState>;
  enable(input: Actor & { moduleId: string; config?: unknown; expectedVersion?: number }): Promise<ModuleChangeResult>;
  disable(input: Actor & { moduleId: string; expectedVersion?: number }): Promise<ModuleChangeResult>;
  configure(input: Actor & { moduleId: string; config: unknown; expectedVersion?: number; reason?: string }): Promise<ModuleChangeResult>;
  rollback(input: Actor & { moduleId: string; revisionId: number }): Promise<ModuleChangeResult>;
  setPlan(input: Actor & { plan: Plan }): Promise<GuildState>;
  publish(input: { items: FeedInput[]; guild?: Partial<GuildInfo>; counters?: HubCounters }): Promise<void>;
  recentFeed(): Promise<FeedItem[]>;
  /** Runs the modules' handlers on this guild's events of a batch, in the hub (one request). */
  processEvents(events: ProcessableEvent[]): Promise<ProcessResult>;
  /** Runs one module's `batchHandler` on events in the hub, with the hub's local storage. */
  runBatch(moduleId: string, events: ModuleEvent[]): Promise<void>;
  /**
   * Reads a module's unflushed hub-local data (its `readLocal`) with the guild's state, in ONE
   * request: routes get the plan and the live deltas together.
   */
  readLocal<T>(moduleId: string, args?: unknown): Promise<{ state: GuildState; value: T }>;
  /** Flushes every module's hub-local data to Postgres now (tests, the bench, an admin); `failed` lists modules whose flush threw (their data stays). */
  flushNow(): Promise<FlushReport>;
  /** What the dashboard's socket would have pushed (its fallback while the socket is down). */
  live(): Promise<HubLive>;
  /** Pushes the shard status to the dashboard sockets; answers how many are open. */
  shardStatusChanged(status: ShardStatus): Promise<number>;
  /** Hands an (already authenticated) WebSocket upgrade request to the hub; returns the 101. */
  connect(request: Request, userId: string): Promise<Response>;
}


/** The hub of `guildId` (one Durable Object per guild, named by its id). */
export function guildHub(env: Pick<Env, 'GUILD_HUB'>, guildId: string): GuildHubClient {
  if (!SNOWFLAKE_PATTERN.test(guildId)) throw new HttpError(400, 'Guild id must be a Discord id', { code: 'InvalidGuildId' });
  const raw = env.GUILD_HUB.get(env.GUILD_HUB.idFromName(guildId)) as unknown as GuildHubRpc;
  // Every call is one billed Durable Object request: counted for the free-tier meter.
  const hub = (): GuildHubRpc => (countUsage('doRequests'), raw);
  return {
    getState: () => hub().getState(guildId),
    refresh: () => hub().refresh(guildId),
    enable: (input) => fromHubResult(hub().enable(guildId, input)),
    disable: (input) => fromHubResult(hub().disable(guildId, input)),
    configure: (input) => fromHubResult(hub().configure(guildId, input)),
    rollback: (input) => fromHubResult(hub().rollback(guildId, input)),
    setPlan: (input) => fromHubResult(hub().setPlan(guildId, input)),
    publish: (input) => hub().publish(guildId, input),
    recentFeed: () => hub().recentFeed(),
    live: () => hub().live(),
    shardStatusChanged: (status) => hub().shardStatusChanged(status),
    processEvents: (events) => hub().processEvents(guildId, events),
    runBatch: (moduleId, events) => hub().runBatch(guildId, moduleId, events),
    readLocal: async <T>(moduleId: string, args?: unknown) => (await hub().readLocal(guildId, moduleId, args ?? null)) as { state: GuildState; value: T },
    flushNow: () => hub().flushNow(guildId),
    connect: (request, userId) => {
      const headers = new Headers(request.headers);
      headers.set('x-hub-guild-id', guildId);
      headers.set('x-hub-user-id', userId);
      return hub().fetch(new Request(request.url, { method: 'GET', headers }));
    },
  };
}
