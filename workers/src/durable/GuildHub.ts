import { DurableObject } from 'cloudflare:workers';
import { shardCoordinator } from './ShardCoordinator';
import { readConfig, type Env } from '../env';
import { lazyDb, withDb } from '../lib/db';
import { discordCache } from '../lib/discordCache';
import { errorFields } from '../lib/errorFields';
import { createLogger } from '../lib/log';
import { getRedis } from '../lib/redis';
import { countUsage } from '../lib/usage';
import { doSql } from './doSql';
import { SqlClaimStore } from '../modules/processing/ClaimStore';
import { processStoredEvents, type ProcessResult } from '../modules/processing/processStoredEvents';
import type { ProcessableEvent } from '../modules/processing/ProcessableEvent';
import type { FeedInput, FeedItem } from '../modules/hub/feed';
import type { GuildInfo, GuildState } from '../modules/hub/GuildState';
import { HubCore, type Actor, type ModuleChangeResult } from '../modules/hub/HubCore';
import type { HubCounters, HubMessage, ShardStatus } from '../modules/hub/HubMessage';
import { toHubResult, type HubResult } from '../modules/hub/HubResult';
import { notifyShard } from '../modules/hub/notifyShard';
import type { Plan } from '../modules/ModuleDefinition';
import { registry } from '../modules/registry';
import { runLifecycle } from '../platform/runLifecycle';

/**
 * One per guild (named by guild id): the write path and hot read path of the guild's module
 * state, its live feed, and the WebSocket hub of its dashboard clients (hibernation API).
 * The logic lives in {@link HubCore}; this class binds it to DO storage, Postgres and sockets.
 * Callers use `guildHub(env, guildId)` (modules/hub/guildHub.ts), which turns refusals back into errors.
 */
export class GuildHub extends DurableObject<Env> {
  readonly #core: HubCore;
  readonly #claims: SqlClaimStore;
  #prunedAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#claims = new SqlClaimStore(doSql(ctx.storage));
    this.#core = new HubCore({
      // Each key written or deleted is a billed SQLite row: counted for the free-tier meter.
      storage: {
        get: (key) => ctx.storage.get(key),
        put: (key, value) => (countUsage('doRowsWritten'), ctx.storage.put(key, value)),
        delete: (key) => (countUsage('doRowsWritten'), ctx.storage.delete(key)),
      },
      registry,
      withDb: (fn) => {
        const config = readConfig(env);
        if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
        return withDb(config.config, fn);
      },
      broadcast: (message) => this.#broadcast(message),
      notifyShard: (guildId, events) => notifyShard(env, guildId, events),
      // Lifecycle hooks run after the answer (they may call Discord); failures are only logged.
      onModuleChange: (change) => {
        const config = readConfig(env);
        if (!config.ok) return;
        ctx.waitUntil(runLifecycle(registry, change, { appConfig: config.config, log: createLogger({ hub: change.guildId }), env }));
      },
    });
  }

  getState(guildId: string): Promise<GuildState> {
    return this.#core.getState(guildId);
  }

  /**
   * Applies the enabled modules' handlers to a slice of this guild's events, delivered by the
   * EventInbox (in order, one request per slice), on the Durable Object's own CPU budget. The
   * common path stays inside the hub: `once` claims and the member count in its SQLite and
   * state; Postgres is opened only if a handler, a guild create/update or an audit item needs
   * it. Failed events come back in the result for the inbox to deliver again.
   */
  async processEvents(guildId: string, events: ProcessableEvent[]): Promise<ProcessResult> {
    const config = readConfig(this.env);
    if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
    const log = createLogger({ hub: guildId });
    const hub = () => ({ getState: () => this.#core.getState(guildId), publish: (input: Parameters<HubCore['publish']>[1]) => this.#core.publish(guildId, input) });
    // Expired claims go once a day (the prune scans the table, so it never runs per instance start).
    if (Date.now() - this.#prunedAt > 24 * 3_600_000) {
      this.#prunedAt = (await this.ctx.storage.get<number>('claimsPrunedAt')) ?? 0;
      if (Date.now() - this.#prunedAt > 24 * 3_600_000) {
        this.#prunedAt = Date.now();
        this.#claims.prune();
        countUsage('doRowsWritten');
        await this.ctx.storage.put('claimsPrunedAt', this.#prunedAt);
      }
    }
    const db = lazyDb(config.config);
    try {
      // Cached Discord reads of what these events changed (channels, roles…) are dropped first.
      if (discordCache.changes(events)) await discordCache.forgetChanged(getRedis(config.config), events).catch((err: unknown) => log.warn('cache invalidation failed', { ...errorFields(err) }));
      return await processStoredEvents(events, { env: this.env, appConfig: config.config, db: db.db, claims: this.#claims, log, hub });
    } finally {
      await db.end();
    }
  }

  refresh(guildId: string): Promise<GuildState> {
    return this.#core.refresh(guildId);
  }

  enable(guildId: string, input: Actor & { moduleId: string; config?: unknown; expectedVersion?: number }): Promise<HubResult<ModuleChangeResult>> {
    return toHubResult(() => this.#core.enable(guildId, input));
  }

  disable(guildId: string, input: Actor & { moduleId: string; expectedVersion?: number }): Promise<HubResult<ModuleChangeResult>> {
    return toHubResult(() => this.#core.disable(guildId, input));
  }

  configure(guildId: string, input: Actor & { moduleId: string; config: unknown; expectedVersion?: number; reason?: string }): Promise<HubResult<ModuleChangeResult>> {
    return toHubResult(() => this.#core.configure(guildId, input));
  }

  rollback(guildId: string, input: Actor & { moduleId: string; revisionId: number }): Promise<HubResult<ModuleChangeResult>> {
    return toHubResult(() => this.#core.rollback(guildId, input));
  }

  setPlan(guildId: string, input: Actor & { plan: Plan }): Promise<HubResult<GuildState>> {
    return toHubResult(() => this.#core.setPlan(guildId, input));
  }

  publish(guildId: string, input: { items: FeedInput[]; guild?: Partial<GuildInfo>; counters?: HubCounters }): Promise<void> {
    return this.#core.publish(guildId, input);
  }

  recentFeed(): Promise<FeedItem[]> {
    return this.#core.recentFeed();
  }

  /**
   * Dashboard WebSocket upgrade, forwarded by the API after it authenticated the user and
   * checked guild access (headers `x-hub-guild-id`, `x-hub-user-id`). Hibernation API: the
   * DO may sleep while sockets stay open.
   */
  override async fetch(request: Request): Promise<Response> {
    const guildId = request.headers.get('x-hub-guild-id');
    const userId = request.headers.get('x-hub-user-id');
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !guildId || !userId) {
      return Response.json({ statusCode: 426, error: 'Upgrade Required', message: 'WebSocket upgrade with guild and user expected' }, { status: 426 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [`user:${userId}`]);
    const hello: HubMessage = {
      type: 'hello',
      state: await this.#core.getState(guildId),
      feed: await this.#core.recentFeed(),
      counters: await this.#core.counters(),
      shard: await this.#shardStatus(),
    };
    server.send(JSON.stringify(hello));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== 'string') return;
    if (message.includes('"ping"')) ws.send(JSON.stringify({ type: 'pong' } satisfies HubMessage));
    else if (message.includes('"status"')) ws.send(JSON.stringify({ type: 'status', shard: await this.#shardStatus() } satisfies HubMessage));
  }

  /** Asks the ShardCoordinator whether a shard holds the gateway; unknown counts as offline. */
  async #shardStatus(): Promise<ShardStatus> {
    try {
      const shards = await shardCoordinator(this.env).connectedShards();
      return { connected: shards > 0, shards };
    } catch {
      return { connected: false, shards: 0 };
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, reason);
  }

  #broadcast(message: HubMessage): void {
    const data = JSON.stringify(message);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(data);
      } catch {
        // A socket closing meanwhile is not the other clients' problem.
      }
    }
  }
}
