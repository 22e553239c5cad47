import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../env';
import { loadShardNeeds, type ShardNeeds } from '../ingest/eventNeeds';
import { withDb } from '../lib/db';
import { createLogger } from '@edge/shared/log';
import { errorFields } from '../lib/errorFields';

const NEEDS_KEY = 'needs';

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
  }

  async #currentNeeds(): Promise<ShardNeeds | null> {
    const result = readConfig(this.env);
    if (result.ok) {
      try {
        // Loaded on first connect only: the registry pulls in every module, which the
        // coordinator's other paths (pushes from the hubs) never need.
        const { registry } = await import('../modules/registry');
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
