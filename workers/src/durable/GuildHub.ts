import { DurableObject } from 'cloudflare:workers';
import { shardCoordinator } from './ShardCoordinator';
import { readConfig, type Config, type Env } from '../env';
import { lazyDb, withDb } from '../lib/db';
import { discordCache } from '../lib/discordCache';
import { errorFields } from '../lib/errorFields';
import { createLogger } from '@edge/shared/log';
import { getRedis } from '../lib/redis';
import { countUsage } from '../lib/usage';
import { doSql } from './doSql';
import { SqlClaimStore } from '../platform/processing/ClaimStore';
import { processStoredEvents, type ProcessResult } from '../platform/processing/processStoredEvents';
import type { ProcessableEvent } from '../platform/processing/ProcessableEvent';
import type { FeedInput, FeedItem } from '../platform/hub/feed';
import type { GuildInfo, GuildState } from '../platform/hub/GuildState';
import { HubCore, type Actor, type ModuleChangeResult } from '../platform/hub/HubCore';
import type { HubCounters, HubLive, HubMessage, ShardStatus } from '../platform/hub/HubMessage';
import { toHubResult, type HubResult } from '../platform/hub/HubResult';
import { notifyShard } from '../platform/hub/notifyShard';
import type { ModuleEvent, Plan, ProcessingContext } from '../platform/ModuleDefinition';
import { createRest } from '../platform/processing/createRest';
import { createRunMemo } from '../platform/processing/createRunMemo';
import { registry } from '../platform/registry';
import { HubAlarms, nextAligned, type AlarmEntry } from '../platform/HubAlarms';
import { localStore, type LocalStore } from '../platform/LocalStore';
import { flushModules, type FlushReport } from '../platform/flushModules';
import { runLifecycle } from '../platform/runLifecycle';

/** A failed flush is tried again after this, doubling, but never later than the next aligned flush. */
const FLUSH_RETRY_MS = 60_000;

/**
 * Spreads a deployment's hubs over the start of each flush (the same minute, not the same
 * instant): up to a minute, or a tenth of a short interval.
 */
const flushOffset = (guildId: string, minutes: number) => Math.floor((Number(BigInt(guildId) % 1000n) / 1000) * Math.min(60_000, minutes * 6_000));

/**
 * One per guild (named by guild id): the write path and hot read path of the guild's module
 * state, its live feed, and the WebSocket hub of its dashboard clients (hibernation API).
 * The logic lives in {@link HubCore}; this class binds it to DO storage, Postgres and sockets.
 * Callers use `guildHub(env, guildId)` (platform/hub/guildHub.ts), which turns refusals back into errors.
 */
export class GuildHub extends DurableObject<Env> {
  readonly #core: HubCore;
  readonly #claims: SqlClaimStore;
  readonly #local: LocalStore;
  readonly #alarms: HubAlarms;
  #prunedAt = 0;
  #flushFailures = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = doSql(ctx.storage);
    this.#claims = new SqlClaimStore(sql);
    this.#local = localStore(sql);
    this.#alarms = new HubAlarms({
      get: (key) => ctx.storage.get(key),
      put: (key, value) => (countUsage('doRowsWritten'), ctx.storage.put(key, value)),
      // Setting the alarm is a billed row written too.
      setAlarm: (at) => (countUsage('doRowsWritten'), ctx.storage.setAlarm(at)),
      deleteAlarm: () => (countUsage('doRowsWritten'), ctx.storage.deleteAlarm()),
    });
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
   * common path stays inside the hub: `once` claims in its SQLite, the member count (with the
   * ids it counted) in its `live` value; Postgres is opened only if a handler, a guild create/update or an audit item needs
   * it. Failed events come back in the result for the inbox to deliver again. Handlers get the
   * hub's SQLite as `ctx.local`; modules that keep data there get the flush alarm.
   */
  async processEvents(guildId: string, events: ProcessableEvent[]): Promise<ProcessResult> {
    const config = readConfig(this.env);
    if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
    const log = createLogger({ hub: guildId });
    const hub = () => ({
      getState: () => this.#core.getState(guildId),
      publish: (input: Parameters<HubCore['publish']>[1]) => this.#core.publish(guildId, input),
      countedMembers: () => this.#core.countedMembers(),
    });
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
      // Open dashboard tabs hold this hub's live socket: member-only changes matter only to them.
      const watched = { watched: this.ctx.getWebSockets().length > 0 };
      if (discordCache.changes(events, watched)) await discordCache.forgetChanged(getRedis(config.config), events, watched).catch((err: unknown) => log.warn('cache invalidation failed', { ...errorFields(err) }));
      const result = await processStoredEvents(events, { env: this.env, appConfig: config.config, db: db.db, claims: this.#claims, log, hub, local: this.#local });
      await this.#armFlush(guildId, config.config);
      return result;
    } finally {
      await db.end();
    }
  }

  /**
   * One module's batch handler on events processed outside a hub, here where its local
   * storage is. No Postgres is opened unless the handler uses it.
   */
  async runBatch(guildId: string, moduleId: string, events: ModuleEvent[]): Promise<void> {
    const config = this.#config();
    const def = registry.require(moduleId);
    if (!def.batchHandler) return;
    const db = lazyDb(config);
    const log = createLogger({ hub: guildId, moduleId });
    const ctx: ProcessingContext = {
      env: this.env, appConfig: config, log, local: this.#local, memo: createRunMemo(), db: db.db,
      get rest() { return createRest(config); },
      once: () => Promise.reject(new Error('once() is for per-event handlers')),
      report: () => {},
    };
    try {
      await def.batchHandler(events, ctx);
    } finally {
      await db.end();
    }
    await this.#armFlush(guildId, config);
  }

  /** A module's `readLocal` on this hub's storage, with the guild's state (one request for both). */
  async readLocal(guildId: string, moduleId: string, args: unknown): Promise<{ state: GuildState; value: unknown }> {
    const def = registry.require(moduleId);
    const state = await this.#core.getState(guildId);
    const value = def.readLocal ? def.readLocal({ guildId, local: this.#local, now: new Date() }, args) : null;
    return { state, value };
  }

  /** Flushes now (tests, the bench, an admin); the aligned schedule continues after. */
  flushNow(guildId: string): Promise<FlushReport> {
    return flushModules(registry, { guildId, local: this.#local, appConfig: this.#config(), log: createLogger({ hub: guildId }), now: new Date() });
  }

  /** The hub's one alarm, multiplexed per purpose ({@link HubAlarms}). */
  override async alarm(): Promise<void> {
    await this.#alarms.run(Date.now(), { flush: (entry, now) => this.#flush(entry, now) });
  }

  /**
   * The aligned flush: every module's hub-local data to Postgres. Next run: the next aligned
   * time while data is pending; none when all is flushed (the next batch arms it again); a
   * failure retries sooner with a growing delay, the data kept.
   */
  async #flush(entry: AlarmEntry, now: number): Promise<number | null> {
    const config = this.#config();
    const report = await flushModules(registry, { guildId: entry.guildId, local: this.#local, appConfig: config, log: createLogger({ hub: entry.guildId }), now: new Date(now) });
    const aligned = nextAligned(now, config.STATS_FLUSH_MINUTES, flushOffset(entry.guildId, config.STATS_FLUSH_MINUTES));
    if (report.failed.length > 0) {
      this.#flushFailures++;
      return Math.min(aligned, now + FLUSH_RETRY_MS * 2 ** Math.min(this.#flushFailures - 1, 6));
    }
    this.#flushFailures = 0;
    return Object.values(report.outcomes).some((o) => o.pending) ? aligned : null;
  }

  /** Makes sure the flush alarm is set when a module that keeps hub-local data is on. */
  async #armFlush(guildId: string, config: Config): Promise<void> {
    const state = await this.#core.getState(guildId);
    if (!registry.all().some((def) => def.flush && state.modules[def.id]?.enabled)) return;
    await this.#alarms.ensure('flush', nextAligned(Date.now(), config.STATS_FLUSH_MINUTES, flushOffset(guildId, config.STATS_FLUSH_MINUTES)), guildId);
  }

  #config(): Config {
    const config = readConfig(this.env);
    if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
    return config.config;
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

  /** Feed, counters and shard status in one request (the dashboard's fallback poll while its socket is down). */
  async live(): Promise<HubLive> {
    return { feed: await this.#core.recentFeed(), counters: await this.#core.counters(), shard: await this.#shardStatus() };
  }

  /** The ShardCoordinator's push (a shard connected or dropped): forwarded to the dashboards; answers how many sockets are open. */
  async shardStatusChanged(status: ShardStatus): Promise<number> {
    this.#broadcast({ type: 'status', shard: status });
    return this.ctx.getWebSockets().length;
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
    // Survives hibernation: the close handler needs the guild to unwatch the shard status.
    server.serializeAttachment({ guildId });
    const hello: HubMessage = {
      type: 'hello',
      state: await this.#core.getState(guildId),
      feed: await this.#core.recentFeed(),
      counters: await this.#core.counters(),
      // Registers this hub with the coordinator: status changes are pushed from now on.
      shard: await this.#shardStatus(guildId),
    };
    server.send(JSON.stringify(hello));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (typeof message !== 'string') return;
    if (message.includes('"ping"')) ws.send(JSON.stringify({ type: 'pong' } satisfies HubMessage));
    else if (message.includes('"status"')) ws.send(JSON.stringify({ type: 'status', shard: await this.#shardStatus() } satisfies HubMessage));
  }

  /**
   * Asks the ShardCoordinator whether a shard holds the gateway (`watchFor`: and to push changes
   * for that guild from now on); unknown counts as offline.
   */
  async #shardStatus(watchFor?: string): Promise<ShardStatus> {
    try {
      countUsage('doRequests');
      if (watchFor) return await shardCoordinator(this.env).watch(watchFor);
      const shards = await shardCoordinator(this.env).connectedShards();
      return { connected: shards > 0, shards };
    } catch {
      return { connected: false, shards: 0 };
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, reason);
    // The last dashboard left: the coordinator stops telling this hub of shard changes.
    const guildId = (ws.deserializeAttachment() as { guildId?: string } | null)?.guildId;
    if (guildId && this.ctx.getWebSockets().filter((s) => s !== ws).length === 0) {
      countUsage('doRequests');
      await shardCoordinator(this.env).unwatch(guildId).catch(() => {});
    }
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
