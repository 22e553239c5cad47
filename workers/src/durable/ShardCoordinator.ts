import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../env';
import { loadShardNeeds, type ShardNeeds } from '../ingest/eventNeeds';
import { withDb } from '../lib/db';
import { createLogger } from '@edge/shared/log';
import { guildHub } from '../platform/hub/guildHub';
import { errorFields } from '../lib/errorFields';
import { FleetUp } from '@edge/shared/protocol';
import { doSql } from './doSql';
import { FleetCore } from './fleet/FleetCore';
import { NeedsStore, configMessages } from './fleet/NeedsStore';
import { handleFleetMessage, pushAssignments, scheduleExpiry } from './fleet/handleFleetMessage';

/** Where all guilds' needs were kept as one value before {@link NeedsStore} (moved into it on first use). */
const LEGACY_NEEDS_KEY = 'needs';
/** Guilds whose hub has dashboard sockets open (`watch:<guildId>`): told when the shard connects or drops. */
const WATCH_PREFIX = 'watch:';

/**
 * Singleton link to the gateway shard processes: holds their WebSockets (hibernation API) and
 * pushes `module:change` so they forward only what enabled modules need. On connect a process
 * gets every guild's needs from Postgres (`guild_modules` through the registry), or the last
 * copy in DO storage when Postgres is away. Coordinated processes (`SHARD_MODE=coordinated`)
 * also register here over the same socket: leases, shard assignment, identify slots and resume
 * state live in {@link FleetCore}, and the alarm moves the shards of a process whose lease
 * expired. Callers use {@link shardCoordinator}.
 */
export class ShardCoordinator extends DurableObject<Env> {
  readonly #log = createLogger({ do: 'ShardCoordinator' });
  readonly #fleet: FleetCore;
  readonly #needs: NeedsStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    this.#needs = new NeedsStore(doSql(ctx.storage));
    const config = readConfig(env);
    this.#fleet = new FleetCore(doSql(ctx.storage), {
      leaseMs: config.ok ? config.config.SHARD_LEASE_MS : 15_000,
      identifyWindowMs: config.ok ? config.config.SHARD_IDENTIFY_WINDOW_MS : 5_000,
      shardCount: config.ok ? config.config.SHARD_COUNT : undefined,
    });
  }

  /** The WebSocket upgrade forwarded by `GET /shard/connect` (already authenticated). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return Response.json({ error: 'Expected a WebSocket upgrade' }, { status: 426 });
    const needs = await this.#currentNeeds();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, ['shard']);
    // A coordinated process gets the needs of its shards' guilds with each assignment instead.
    const coordinated = new URL(request.url).searchParams.get('mode') === 'coordinated';
    if (needs && !coordinated) for (const m of configMessages(needs)) server.send(m);
    this.#log.info('shard connected', { sockets: this.ctx.getWebSockets().length, guilds: needs ? Object.keys(needs.guilds).length : null });
    this.ctx.waitUntil(this.#announce());
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Pushes one guild's needs (after a module is enabled or disabled there). */
  async pushModuleChange(guildId: string, events: string[]): Promise<number> {
    await this.#migrateLegacy();
    if (this.#needs.empty) this.#needs.replace({ guilds: {}, defaults: [], intents: 0, fields: {} });
    this.#needs.set(guildId, [...events]);
    return this.#broadcast(JSON.stringify({ type: 'module:change', guildId, events }));
  }

  /** Replaces every guild's needs and sends the whole config to the shard processes. */
  async setGuildNeeds(needs: ShardNeeds): Promise<number> {
    this.#needs.replace(needs);
    let sockets = 0;
    for (const m of configMessages(needs)) sockets = this.#broadcast(m);
    return sockets;
  }

  /** The needs of the guilds on some shards, as config messages (for coordinated processes). */
  readonly #configFor = (shardCount: number, shards: number[]): string[] => {
    const needs = this.#needs.load({ shardCount, shards });
    return needs ? configMessages(needs) : [];
  };

  /** Moves the one-value copy of an older version into the per-guild rows. */
  async #migrateLegacy(): Promise<void> {
    const legacy = await this.ctx.storage.get<ShardNeeds>(LEGACY_NEEDS_KEY);
    if (!legacy) return;
    this.#needs.replace(legacy);
    await this.ctx.storage.delete(LEGACY_NEEDS_KEY);
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
    if (message === 'ping') return ws.send('pong');
    if (typeof message !== 'string') return;
    let parsed;
    try {
      parsed = FleetUp.safeParse(JSON.parse(message));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      this.#log.warn('bad message from a shard process', { bytes: message.length });
      return;
    }
    await handleFleetMessage(
      { fleet: this.#fleet, ws, sockets: () => this.ctx.getWebSockets('shard'), storage: this.ctx.storage, log: this.#log, configFor: this.#configFor },
      parsed.data,
    );
  }

  /** A lease may have run out: move the shards of the processes gone and tell the others. */
  override async alarm(): Promise<void> {
    const before = this.#fleet.processes();
    if (this.#fleet.expire(Date.now())) {
      const gone = before.filter((p) => !this.#fleet.processes().includes(p));
      this.#log.warn('shard process lease expired; its shards move', { gone, live: this.#fleet.processes().length });
      pushAssignments(this.#fleet, this.ctx.getWebSockets('shard'), this.#configFor);
    }
    await scheduleExpiry(this.#fleet, this.ctx.storage, true);
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
        await this.#migrateLegacy();
        this.#needs.replace(needs);
        return needs;
      } catch (err) {
        this.#log.warn('shard needs from Postgres failed; using the stored copy', { ...errorFields(err) });
      }
    }
    await this.#migrateLegacy();
    return this.#needs.load();
  }

  #broadcast(text: string): number {
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
