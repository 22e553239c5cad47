import { hostname } from 'node:os';
import { GatewayCloseCodes, GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Batcher } from './Batcher';
import { ConfigLink, type LinkMessage } from './ConfigLink';
import { DEFAULT_PRIORITY_EVENTS, loadShardEnv, type ShardEnv } from './config';
import { Delivery } from './Delivery';
import { guildIdOf, stableEventId } from './eventId';
import { ForwardPolicy, type LinkConfig } from './ForwardPolicy';
import { FleetClient, type FleetAssignment } from './fleet/FleetClient';
import { ResumeTracker } from './fleet/ResumeTracker';
import { Gateway } from './Gateway';
import { DEFAULT_INTENTS, LIFECYCLE_INTENTS } from './intents';
import { createLogger, logLevel, type Logger } from '@edge/shared/log';
import { Metrics } from './Metrics';
import { SessionStore } from './SessionStore';
import { Spool } from './Spool';

const CONFIG_KEY = 'link-config';
const NOT_FORWARDED = new Set<string>([GatewayDispatchEvents.Ready, GatewayDispatchEvents.Resumed]);

/** The running parts of a shard, wired together; {@link startShard} builds and starts one. */
export class Shard {
  readonly spool: Spool;
  readonly metrics = new Metrics();
  readonly policy: ForwardPolicy;
  readonly sessions: SessionStore;
  readonly batcher: Batcher;
  readonly gateway: Gateway;
  readonly link: ConfigLink | null;
  /** Coordinated mode: this process's side of the ShardCoordinator (null in static mode). */
  readonly fleet: FleetClient | null;
  readonly resume: ResumeTracker;
  readonly processId: string;
  readonly startedAt = Date.now();
  readonly #priority: Set<string>;
  #boundsTimer: NodeJS.Timeout | null = null;
  /** Coordinated: the shard count of the last assignment. */
  #shardCount: number | null = null;

  /**
   * `clock` stamps each dispatch's `receivedAt` (default `Date.now`). Tests that compare with a
   * simulator's fake clock pass the same clock to both, so transit time between the two does
   * not blur time-based stats such as voice seconds.
   */
  constructor(
    readonly env: ShardEnv,
    readonly log: Logger = createLogger({ service: 'gateway-shard' }, undefined, logLevel(process.env.LOG_LEVEL)),
    readonly clock: () => number = Date.now,
  ) {
    this.spool = new Spool(env.SHARD_SPOOL_PATH, { synchronous: env.SHARD_SPOOL_SYNC });
    this.policy = new ForwardPolicy(this.spool.getValue<LinkConfig>(CONFIG_KEY));
    this.sessions = new SessionStore(this.spool);
    this.resume = new ResumeTracker(this.spool, this.sessions);
    this.processId = env.SHARD_PROCESS_ID ?? `${hostname().replace(/[^\w.-]/g, '_').slice(0, 60)}-${process.pid}`;
    this.fleet =
      env.SHARD_MODE === 'coordinated'
        ? new FleetClient({
            processId: this.processId,
            send: (text) => this.link?.send(text) ?? false,
            hello: () => this.#hello(),
            resumeStates: () => this.resume.states(this.gateway.running),
            isRunning: (id) => this.gateway.running.includes(id),
            onAssignment: (a) => this.onAssignment(a),
            log: this.log,
          })
        : null;
    this.#priority = new Set(env.SHARD_PRIORITY_EVENTS ?? DEFAULT_PRIORITY_EVENTS);
    const delivery = new Delivery({ workerUrl: env.WORKER_URL, secret: env.SHARD_SECRET, retryMaxMs: env.SHARD_RETRY_MAX_MS, log: this.log, metrics: this.metrics });
    this.batcher = new Batcher(
      this.spool,
      delivery,
      {
        maxEvents: env.SHARD_BATCH_MAX_EVENTS,
        maxWaitMs: env.SHARD_BATCH_MAX_WAIT_MS,
        priorityWaitMs: env.SHARD_PRIORITY_WAIT_MS,
        priorityMaxEvents: env.SHARD_PRIORITY_MAX_EVENTS,
        concurrency: Math.max(1, env.SHARD_BATCH_CONCURRENCY),
        onAck: () => this.fleet?.reportSoon(),
      },
      this.metrics,
      this.log,
    );
    const intents = (this.policy.config?.intents ?? env.SHARD_INTENTS ?? DEFAULT_INTENTS) | LIFECYCLE_INTENTS;
    this.gateway = new Gateway({
      token: env.DISCORD_BOT_TOKEN,
      apiBase: env.DISCORD_API_BASE,
      intents,
      shardIds: env.SHARD_IDS?.map(Number),
      shardCount: env.SHARD_COUNT,
      sessions: this.sessions,
      log: this.log,
      metrics: this.metrics,
      onDispatch: (p, id) => this.onDispatch(p, id),
      identifyThrottler: this.fleet ?? undefined,
      onClosed: (code, id) => this.onGatewayClosed(code, id),
    });
    this.link =
      env.SHARD_CONFIG_LINK === '1' || this.fleet
        ? new ConfigLink({
            workerUrl: env.WORKER_URL,
            secret: env.SHARD_SECRET,
            log: this.log,
            metrics: this.metrics,
            onMessage: (m) => this.onLinkMessage(m),
            coordinated: this.fleet !== null,
            onOpen: () => void this.fleet?.onOpen().catch((err: Error) => this.log.error('registration failed', { error: err.message })),
            onClose: () => this.fleet?.onClose(),
          })
        : null;
    this.metrics.spoolDepth.set(this.spool.depth);
  }

  /** Spools one dispatch (with its session sequence) if some module or the platform needs it. */
  onDispatch(payload: GatewayDispatchPayload, shardId: number): void {
    const type = payload.t;
    this.metrics.received.inc({ type });
    if (this.fleet) this.resume.seen(shardId, payload.s);
    if (NOT_FORWARDED.has(type)) return;
    const guildId = guildIdOf(payload);
    if (!this.policy.wants(type, guildId)) {
      this.metrics.dropped.inc({ type, reason: 'not_needed' });
      return;
    }
    const live = this.sessions.retrieve(shardId);
    const session = live ? { ...live, sequence: payload.s } : null;
    const priority = this.#priority.has(type);
    const added = this.spool.store(
      {
        eventId: stableEventId(payload, live?.sessionId ?? null),
        shardId,
        type,
        guildId,
        payload: JSON.stringify(this.policy.shape(type, guildId, payload.d)),
        priority,
        receivedAt: this.clock(),
      },
      session,
    );
    if (!added) {
      this.metrics.dropped.inc({ type, reason: 'duplicate' });
      return;
    }
    this.metrics.spoolDepth.set(this.spool.depth);
    if (this.spool.depth > this.env.SHARD_SPOOL_MAX_ROWS) this.enforceBounds();
    this.batcher.notify(priority);
  }

  /** Applies the spool bounds, logging and counting every drop. */
  enforceBounds(): void {
    const dropped = this.spool.enforceBounds(this.env.SHARD_SPOOL_MAX_ROWS, this.env.SHARD_SPOOL_MAX_AGE_MS);
    const total = Object.values(dropped).reduce((a, b) => a + b, 0);
    if (total === 0) return;
    for (const [type, n] of Object.entries(dropped)) this.metrics.dropped.inc({ type, reason: 'spool_bounds' }, n);
    this.metrics.spoolDepth.set(this.spool.depth);
    this.log.warn('spool full or too old; dropped oldest events', { dropped: total, byType: dropped, depth: this.spool.depth });
  }

  /**
   * Identifies again when the Worker's modules need an intent the sessions lack. Holding more
   * than needed costs only filtered events, so a smaller set waits for the next fresh identify
   * (the config, with its intents, is kept in SQLite) instead of dropping live sessions.
   */
  applyIntents(wanted: number): void {
    const held = this.gateway.intents;
    if ((wanted & ~held) === 0) return;
    this.log.warn('modules need more gateway intents: identifying again', { held, wanted });
    this.gateway.reidentify(wanted).catch((err: Error) => this.log.error('re-identify failed', { error: err.message }));
  }

  /** What this process registers with: its configured count and `/gateway/bot`'s recommendation. */
  async #hello(): Promise<{ shardCount?: number; recommendedShards?: number; maxConcurrency?: number }> {
    const info = await this.gateway.gatewayInfo().catch((err: Error) => {
      this.log.warn('GET /gateway/bot failed; registering without a recommendation', { error: err.message });
      return null;
    });
    return { shardCount: this.env.SHARD_COUNT, recommendedShards: info?.shards, maxConcurrency: info?.session_start_limit.max_concurrency };
  }

  /**
   * The coordinator's assignment: start the shards new here (resuming where the coordinator
   * or SQLite says), stop those gone, and release them with their resume states so their new
   * process resumes the same sessions.
   */
  onAssignment(a: FleetAssignment): void {
    // The first assignment is no recount: its resume states (shards of a dead process) must be used.
    const recount = this.#shardCount !== null && a.shardCount !== this.#shardCount;
    this.#shardCount = a.shardCount;
    this.log.info('shard assignment', { epoch: a.epoch, shardCount: a.shardCount, shards: a.shards });
    const remote = (id: number) => (a.resume[id] ? { shardId: id, ...a.resume[id] } : null);
    this.gateway
      .assign(a.shardCount, a.shards, (id) => this.sessions.prepare(id, recount ? null : remote(id)))
      .then((stopped) => {
        if (recount) for (const id of stopped) this.resume.forget(id);
        else this.fleet?.released(stopped, this.resume.states(stopped));
      })
      .catch((err: Error) => this.log.error('assignment failed', { error: err.message }));
  }

  /** Close code 4011 (sharding required) in coordinated mode: the coordinator reshards the fleet. */
  onGatewayClosed(code: number, shardId: number): void {
    if (code !== GatewayCloseCodes.ShardingRequired || !this.fleet || this.#shardCount === null) return;
    const count = this.#shardCount;
    void this.gateway
      .gatewayInfo()
      .then((info) => info.shards)
      .catch(() => undefined)
      .then((recommended) => this.fleet?.reshard(shardId, code, count, recommended));
  }

  onLinkMessage(message: LinkMessage): void {
    if (message.type === 'assignment' || message.type === 'identify' || message.type === 'lease') {
      this.fleet?.onMessage(message);
      return;
    }
    // SHARD_CONFIG_LINK=0 in coordinated mode: the link carries the coordination only.
    if (this.fleet && this.env.SHARD_CONFIG_LINK === '0') return;
    if (message.type === 'config') {
      const { type: _t, ...config } = message;
      this.policy.setConfig(config);
      this.log.info('config received', { guilds: Object.keys(config.guilds).length });
      if (config.intents !== undefined) this.applyIntents(config.intents | LIFECYCLE_INTENTS);
    } else if (message.type === 'config:guilds') {
      for (const [guildId, events] of Object.entries(message.guilds)) this.policy.setGuild(guildId, events);
    } else if (message.type === 'module:change') {
      this.policy.setGuild(message.guildId, message.events);
      this.log.info('module change', { guildId: message.guildId, events: message.events.length });
    } else return;
    if (this.policy.config) this.spool.setValue(CONFIG_KEY, this.policy.config);
  }

  /** Connects everything and starts draining what a previous run left. */
  async start(): Promise<void> {
    this.batcher.start();
    this.link?.start();
    this.#boundsTimer = setInterval(() => this.enforceBounds(), 10_000);
    this.#boundsTimer.unref();
    // Coordinated: the shards start when the coordinator assigns them (see onAssignment).
    if (!this.fleet) await this.gateway.connect();
  }

  /**
   * Graceful stop (SIGTERM): close the gateway resumably so no new events arrive, send what
   * is spooled (up to `drainMs`), then close SQLite. Unsent rows stay for the next run.
   */
  async stop(drainMs = 10_000): Promise<void> {
    if (this.#boundsTimer) clearInterval(this.#boundsTimer);
    await this.gateway.closeResumable().catch((err: Error) => this.log.warn('gateway close failed', { error: err.message }));
    const drained = await this.batcher.drain(drainMs);
    this.batcher.stop();
    // Coordinated: the shards (closed resumably) move to the other processes now, resuming where the Worker's acks got to.
    this.fleet?.bye(this.resume.states(this.gateway.running));
    this.fleet?.close();
    this.link?.close();
    this.log.info('shard stopped', { drained, spoolDepth: this.spool.depth });
    this.spool.close();
  }
}

/** Settings as given to {@link startShard}: the env variable names, values as strings or numbers. */
export type ShardOptions = Partial<Record<keyof ShardEnv, unknown>>;

/** Parses options like the environment. */
export function resolveShardEnv(options: ShardOptions): ShardEnv {
  return loadShardEnv(options as Record<string, unknown>);
}
