import type { REST } from '@discordjs/rest';
import { CloseCodes, WebSocketManager, WebSocketShardEvents, WebSocketShardStatus } from '@discordjs/ws';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
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
}

/**
 * The Discord gateway connection: `@discordjs/ws` with our session store, so resuming after
 * a restart uses the session in SQLite. No entity cache: dispatches go straight to the spool.
 */
export class Gateway {
  readonly manager: WebSocketManager;
  intents: number;

  constructor(private readonly options: GatewayOptions) {
    this.intents = options.intents;
    // `@discordjs/ws` makes one REST call, `rest.get(Routes.gatewayBot())`; answering it here
    // keeps `@discordjs/rest` (and undici) out of the process: only its type is imported.
    const get = (route: string) =>
      route === '/gateway/bot' ? fetchGatewayBot(options.token, options.apiBase) : Promise.reject(new Error(`unexpected REST call ${route}`));
    const rest = { get } as unknown as REST;
    this.manager = new WebSocketManager({
      token: options.token,
      intents: options.intents,
      rest,
      shardIds: options.shardIds ?? null,
      shardCount: options.shardCount ?? null,
      retrieveSessionInfo: (id) => options.sessions.retrieve(id),
      updateSessionInfo: (id, info) => options.sessions.update(id, info),
    });
    const { log, metrics } = options;
    this.manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => options.onDispatch(payload, shardId));
    this.manager.on(WebSocketShardEvents.Ready, (data, shardId) => log.info('gateway ready', { shardId, guilds: data.guilds.length }));
    this.manager.on(WebSocketShardEvents.Resumed, (shardId) => {
      metrics.resumes.inc({ shard: String(shardId) });
      log.info('gateway resumed', { shardId });
    });
    this.manager.on(WebSocketShardEvents.Closed, (code, shardId) => {
      metrics.reconnects.inc({ shard: String(shardId) });
      log.warn('gateway closed', { shardId, code });
    });
    this.manager.on(WebSocketShardEvents.Error, (err, shardId) => log.error('gateway error', { shardId, error: err.message }));
    this.manager.on(WebSocketShardEvents.Debug, (message, shardId) => log.debug('gateway debug', { shardId, message }));
  }

  connect(): Promise<void> {
    return this.manager.connect();
  }

  /** Per shard status names, for `/health`. */
  async status(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    try {
      for (const [id, s] of await this.manager.fetchStatus()) out[id] = WebSocketShardStatus[s] ?? String(s);
    } catch {
      // Before the first connect there are no shards yet.
    }
    return out;
  }

  /**
   * Starts new sessions with other intents. Discord fixes intents at identify and a resume
   * keeps the old ones, so the sessions are ended (1000) and the shards identify afresh.
   */
  async reidentify(intents: number): Promise<void> {
    this.options.sessions.keepOnClear = false;
    await this.manager.destroy({ code: CloseCodes.Normal, reason: 'intents changed' });
    (this.manager.options as { intents: number }).intents = intents;
    this.intents = intents;
    await this.manager.connect();
  }

  /**
   * Closes every shard with a non-1000 code: Discord keeps the session resumable, and the
   * session store keeps it in SQLite, so the next start resumes and Discord replays the gap.
   */
  async closeResumable(): Promise<void> {
    this.options.sessions.keepOnClear = true;
    await this.manager.destroy({ code: CloseCodes.Resuming, reason: 'shutdown; will resume' });
  }
}
