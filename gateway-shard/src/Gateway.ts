import type { REST } from '@discordjs/rest';
import { CloseCodes, WebSocketManager, WebSocketShardEvents, WebSocketShardStatus, type IIdentifyThrottler } from '@discordjs/ws';
import type { APIGatewayBotInfo, GatewayDispatchPayload } from 'discord-api-types/v10';
import { fetchGatewayBot } from './fetchGatewayBot';
import type { Logger } from '@edge/shared/log';
import type { Metrics } from './Metrics';
import type { SessionStore } from './SessionStore';

/** Options of {@link Gateway}. */
export interface GatewayOptions {
  token: string;
  apiBase?: string;
  intents: number;
  shardIds?: number[];
  shardCount?: number;
  sessions: SessionStore;
  log: Logger;
  metrics: Metrics;
  onDispatch: (payload: GatewayDispatchPayload, shardId: number) => void;
  /** Coordinated mode: identify slots come from the coordinator instead of this process's own throttle. */
  identifyThrottler?: IIdentifyThrottler;
  /** Every close of a shard's socket (coordinated mode reports 4011 to the coordinator). */
  onClosed?: (code: number, shardId: number) => void;
}

/** How long one `/gateway/bot` answer serves every shard started meanwhile. */
const GATEWAY_INFO_TTL_MS = 60_000;
const STATIC = 'static';

/**
 * The Discord gateway connection: `@discordjs/ws` with our session store, so resuming after
 * a restart uses the session in SQLite. No entity cache: dispatches go straight to the spool.
 * Static mode runs one manager over `shardIds`/`shardCount`; coordinated mode runs one manager
 * per assigned shard ({@link assign}), so shards start and stop one by one as the assignment changes.
 */
export class Gateway {
  readonly #managers = new Map<number | typeof STATIC, WebSocketManager>();
  #shardCount: number | null = null;
  #info: { at: number; info: Promise<APIGatewayBotInfo> } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  intents: number;

  constructor(private readonly options: GatewayOptions) {
    this.intents = options.intents;
  }

  /** `/gateway/bot`, shared by the managers for a minute (one REST call for many shards). */
  gatewayInfo(): Promise<APIGatewayBotInfo> {
    if (!this.#info || Date.now() - this.#info.at > GATEWAY_INFO_TTL_MS) {
      const info = fetchGatewayBot(this.options.token, this.options.apiBase);
      info.catch(() => (this.#info = null));
      this.#info = { at: Date.now(), info };
    }
    return this.#info.info;
  }

  #build(shardIds: number[] | null, shardCount: number | null): WebSocketManager {
    const { options } = this;
    // `@discordjs/ws` makes one REST call, `rest.get(Routes.gatewayBot())`; answering it here
    // keeps `@discordjs/rest` (and undici) out of the process: only its type is imported.
    const get = (route: string) => (route === '/gateway/bot' ? this.gatewayInfo() : Promise.reject(new Error(`unexpected REST call ${route}`)));
    const throttler = options.identifyThrottler;
    const manager = new WebSocketManager({
      token: options.token,
      intents: this.intents,
      rest: { get } as unknown as REST,
      shardIds,
      shardCount,
      retrieveSessionInfo: (id) => options.sessions.retrieve(id),
      updateSessionInfo: (id, info) => options.sessions.update(id, info),
      ...(throttler && { buildIdentifyThrottler: () => Promise.resolve(throttler) }),
    });
    const { log, metrics } = options;
    manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => options.onDispatch(payload, shardId));
    manager.on(WebSocketShardEvents.Ready, (data, shardId) => log.info('gateway ready', { shardId, guilds: data.guilds.length }));
    manager.on(WebSocketShardEvents.Resumed, (shardId) => {
      metrics.resumes.inc({ shard: String(shardId) });
      log.info('gateway resumed', { shardId });
    });
    manager.on(WebSocketShardEvents.Closed, (code, shardId) => {
      metrics.reconnects.inc({ shard: String(shardId) });
      log.warn('gateway closed', { shardId, code });
      options.onClosed?.(code, shardId);
    });
    manager.on(WebSocketShardEvents.Error, (err, shardId) => log.error('gateway error', { shardId, error: err.message }));
    manager.on(WebSocketShardEvents.Debug, (message, shardId) => log.debug('gateway debug', { shardId, message }));
    return manager;
  }

  /** Static mode: connects `shardIds` of `shardCount` (defaults: every shard `/gateway/bot` recommends). */
  connect(): Promise<void> {
    const manager = this.#build(this.options.shardIds ?? null, this.options.shardCount ?? null);
    this.#managers.set(STATIC, manager);
    return manager.connect();
  }

  /** Static mode's manager, once connected (tests listen to its events). */
  get manager(): WebSocketManager {
    const manager = this.#managers.get(STATIC);
    if (!manager) throw new Error('the gateway is not connected in static mode');
    return manager;
  }

  /** Shard ids running now (coordinated mode). */
  get running(): number[] {
    return [...this.#managers.keys()].filter((k): k is number => k !== STATIC).sort((a, b) => a - b);
  }

  /**
   * Coordinated mode: runs exactly `shardIds` of a `shardCount`-shard fleet. Shards no longer
   * assigned are closed resumably (their sessions stay for the process taking them over);
   * with another shard count every session ends. New shards connect in the background
   * (`beforeStart` first: it prepares the session to resume). Resolves with the shards stopped.
   * Calls run one after another.
   */
  assign(shardCount: number, shardIds: number[], beforeStart: (shardId: number) => void): Promise<number[]> {
    const run = this.#queue.then(async () => {
      const stopped: number[] = [];
      const recount = this.#shardCount !== null && this.#shardCount !== shardCount;
      this.#shardCount = shardCount;
      for (const id of this.running) {
        if (!recount && shardIds.includes(id)) continue;
        await this.#stop(id, !recount);
        if (recount) this.options.sessions.forget(id);
        stopped.push(id);
      }
      for (const id of shardIds) {
        if (this.#managers.has(id)) continue;
        beforeStart(id);
        const manager = this.#build([id], shardCount);
        this.#managers.set(id, manager);
        manager.connect().catch((err: Error) => this.options.log.error('shard connect failed', { shardId: id, error: err.message }));
      }
      return stopped;
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #stop(id: number, resumable: boolean): Promise<void> {
    const manager = this.#managers.get(id);
    this.#managers.delete(id);
    if (!manager) return;
    this.options.sessions.keep(id, resumable);
    try {
      await manager.destroy(resumable ? { code: CloseCodes.Resuming, reason: 'shard moves to another process' } : { code: CloseCodes.Normal, reason: 'reshard' });
    } finally {
      this.options.sessions.keep(id, false);
    }
  }

  /** Per shard status names, for `/health`. */
  async status(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const manager of this.#managers.values()) {
      try {
        for (const [id, s] of await manager.fetchStatus()) out[id] = WebSocketShardStatus[s] ?? String(s);
      } catch {
        // Before the first connect there are no shards yet.
      }
    }
    return out;
  }

  /**
   * Starts new sessions with other intents. Discord fixes intents at identify and a resume
   * keeps the old ones, so the sessions are ended (1000) and the shards identify afresh.
   */
  async reidentify(intents: number): Promise<void> {
    this.options.sessions.keepOnClear = false;
    this.intents = intents;
    await Promise.all(
      [...this.#managers.values()].map(async (manager) => {
        await manager.destroy({ code: CloseCodes.Normal, reason: 'intents changed' });
        (manager.options as { intents: number }).intents = intents;
        await manager.connect();
      }),
    );
  }

  /**
   * Closes every shard with a non-1000 code: Discord keeps the session resumable, and the
   * session store keeps it in SQLite, so the next start resumes and Discord replays the gap.
   */
  async closeResumable(): Promise<void> {
    this.options.sessions.keepOnClear = true;
    await Promise.all([...this.#managers.values()].map((m) => m.destroy({ code: CloseCodes.Resuming, reason: 'shutdown; will resume' })));
  }
}
