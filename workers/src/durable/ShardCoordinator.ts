import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../env';
import { loadShardNeeds, type ShardNeeds } from '../ingest/eventNeeds';
import { withDb } from '../lib/db';
import { createLogger } from '@edge/shared/log';
import { guildHub } from '../platform/hub/guildHub';
import { errorFields } from '../lib/errorFields';

const NEEDS_KEY = 'needs';
/** Guilds whose hub has dashboard sockets open (`watch:<guildId>`): told when the shard connects or drops. */
const WATCH_PREFIX = 'watch:';

/**
 * Singleton link to the gateway shard: holds its WebSocket (hibernation API) and pushes
 * `module:change` so the shard forwards only what enabled modules need. On connect the
 * shard gets every guild's needs from Postgres (`guild_modules` through the registry), or
 * the last copy in DO storage when Postgres is away. Callers use {@link shardCoordinator}.
 */
export class ShardCoordinator extends DurableObject<Env> {
  readonly #log = createLogger({ do: 'ShardCoordinator' });

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** The WebSocket upgrade forwarded by `GET /shard/connect` (already authenticated). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return Response.json({ error: 'Expected a WebSocket upgrade' }, { status: 426 });
    const needs = await this.#currentNeeds();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, ['shard']);
    if (needs) server.send(JSON.stringify({ type: 'config', ...needs }));
    this.#log.info('shard connected', { sockets: this.ctx.getWebSockets().length, guilds: needs ? Object.keys(needs.guilds).length : null });
    this.ctx.waitUntil(this.#announce());
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Pushes one guild's needs (after a module is enabled or disabled there). */
  async pushModuleChange(guildId: string, events: string[]): Promise<number> {
    const needs = (await this.ctx.storage.get<ShardNeeds>(NEEDS_KEY)) ?? { guilds: {}, defaults: [], intents: 0, fields: {} };
    needs.guilds[guildId] = [...events];
    await this.ctx.storage.put(NEEDS_KEY, needs);
    return this.#broadcast({ type: 'module:change', guildId, events });
  }

  /** Replaces every guild's needs and sends the whole config to the shard. */
  async setGuildNeeds(needs: ShardNeeds): Promise<number> {
    await this.ctx.storage.put(NEEDS_KEY, needs);
    return this.#broadcast({ type: 'config', ...needs });
  }

  /**
   * A guild's hub has dashboard sockets open: it is told of every shard connect and drop from now
   * on (so dashboards never poll the bot's status). Answers the status now.
   */
  async watch(guildId: string): Promise<{ connected: boolean; shards: number }> {
    await this.ctx.storage.put(`${WATCH_PREFIX}${guildId}`, 1);
    const shards = this.ctx.getWebSockets('shard').length;
    return { connected: shards > 0, shards };
  }

  /** The hub's last dashboard socket closed. */
  async unwatch(guildId: string): Promise<void> {
    await this.ctx.storage.delete(`${WATCH_PREFIX}${guildId}`);
  }

  /** Number of connected shard sockets (for tests and health). */
  async connectedShards(): Promise<number> {
    return this.ctx.getWebSockets('shard').length;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'ping') ws.send('pong');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.#log.info('shard disconnected', { code });
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'bye');
    } catch {
      // Already closed.
    }
    await this.#announce(ws);
  }

  /**
   * Tells every watching hub the shard status (one request per hub with dashboards open, on a
   * connect or a drop only); hubs without sockets any more, or gone, stop being told.
   */
  async #announce(closing?: WebSocket): Promise<void> {
    const shards = this.ctx.getWebSockets('shard').filter((s) => s !== closing).length;
    const status = { connected: shards > 0, shards };
    const watchers = [...(await this.ctx.storage.list({ prefix: WATCH_PREFIX })).keys()];
    await Promise.all(watchers.map(async (key) => {
      const guildId = key.slice(WATCH_PREFIX.length);
      const sockets = await guildHub(this.env, guildId).shardStatusChanged(status).catch(() => 0);
      if (sockets === 0) await this.ctx.storage.delete(key);
    }));
  }

  async #currentNeeds(): Promise<ShardNeeds | null> {
    const result = readConfig(this.env);
    if (result.ok) {
      try {
        // Loaded on first connect only: the registry pulls in every module, which the
        // coordinator's other paths (pushes from the hubs) never need.
        const { registry } = await import('../platform/registry');
        const needs = await withDb(result.config, (db) => loadShardNeeds(db, registry));
        await this.ctx.storage.put(NEEDS_KEY, needs);
        return needs;
      } catch (err) {
        this.#log.warn('shard needs from Postgres failed; using the stored copy', { ...errorFields(err) });
      }
    }
    return (await this.ctx.storage.get<ShardNeeds>(NEEDS_KEY)) ?? null;
  }

  #broadcast(message: unknown): number {
    const text = JSON.stringify(message);
    const sockets = this.ctx.getWebSockets('shard');
    for (const ws of sockets) {
      try {
        ws.send(text);
      } catch {
        // A socket closing right now; the shard gets the full config when it reconnects.
      }
    }
    return sockets.length;
  }
}

/** Typed stub of the singleton coordinator: `await shardCoordinator(env).pushModuleChange(guildId, events)`. */
export function shardCoordinator(env: Pick<Env, 'SHARD_COORDINATOR'>): DurableObjectStub<ShardCoordinator> {
  const ns = env.SHARD_COORDINATOR as unknown as DurableObjectNamespace<ShardCoordinator>;
  return ns.get(ns.idFromName('singleton'));
}
