import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import type { SimState } from '../state/SimState.js';
import { GatewayConnection } from './GatewayConnection.js';
import { GatewayHub, type GatewayConfig, type GatewayHubEvents } from './GatewayHub.js';
import type { EventEmitter } from 'node:events';
import type {
  GatewayBotInfo, GatewayCounters, GatewayOptions, GatewaySessionInfo, GatewayTarget,
} from './types.js';

export type * from './types.js';

/** The running gateway: its URL, what `/gateway/bot` returns, and test controls. */
export interface SimGateway {
  /** `ws://host:port/gateway` (what `GET /gateway/bot` returns as `url`). */
  readonly url: string;
  /** The `GET /gateway/bot` body for an application (shards: 1 per 1,000 guilds). */
  botInfo(applicationId: string): GatewayBotInfo;
  /** Kills matching sockets: without `code`, abruptly (client sees 1006, session resumable); else a close frame with `code`. */
  dropConnections(opts?: GatewayTarget & { code?: number }): number;
  /** Sends op 7 Reconnect to matching connections. */
  sendReconnect(target?: GatewayTarget): number;
  /** Sends op 9 Invalid Session (`d = resumable`) to matching identified connections. */
  invalidateSessions(resumable: boolean, target?: GatewayTarget): number;
  /** Live sessions (connected or waiting to be resumed). */
  sessions(): GatewaySessionInfo[];
  /**
   * Changes sharding limits at run time, as Discord does when a bot grows: guilds one shard may
   * hold at identify (more → close 4011) and the `shards` `/gateway/bot` recommends (default:
   * one per 1,000 guilds).
   */
  setShardLimits(limits: { maxGuildsPerShard?: number; recommendedShards?: number }): void;
  /** Live counters (the same object, updated in place). */
  readonly counters: GatewayCounters;
  /** `identify`, `resume`, `close` events. */
  readonly events: EventEmitter<GatewayHubEvents>;
  /** Closes every connection and stops handling upgrades (the HTTP server stays up). */
  close(): Promise<void>;
}

const SUPPORTED_VERSIONS = new Set(['9', '10']);

/**
 * Serves Discord's gateway (JSON encoding, optional `zlib-stream`) on WebSocket upgrades
 * to `path` of an existing HTTP server, fed by the state's dispatches.
 */
export function attachGateway(server: Server, state: SimState, opts: GatewayOptions = {}): SimGateway {
  const heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 41_250;
  const config: GatewayConfig = {
    path: opts.path ?? '/gateway',
    publicUrl: opts.publicUrl,
    heartbeatIntervalMs,
    heartbeatTimeoutMs: opts.heartbeatTimeoutMs ?? heartbeatIntervalMs * 2,
    resumeTimeoutMs: opts.resumeTimeoutMs ?? 180_000,
    replayBufferSize: opts.replayBufferSize ?? 10_000,
    maxConcurrency: opts.maxConcurrency ?? 1,
    identifyWindowMs: opts.identifyWindowMs ?? 5_000,
    sessionStartLimit: opts.sessionStartLimit ?? 1_000,
    sendLimit: opts.sendLimit ?? { count: 120, windowMs: 60_000 },
    maxGuildsPerShard: opts.maxGuildsPerShard ?? 2_500,
  };
  const url = (): string => {
    if (config.publicUrl) return config.publicUrl;
    const addr = server.address() as AddressInfo | null;
    return `ws://127.0.0.1:${addr?.port ?? 0}${config.path}`;
  };
  const hub = new GatewayHub(state, config, url, opts.logger);
  let recommendedShards: number | undefined;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 * 1024 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const onResumeUrl = u.pathname === `${config.path}/resume`;
    if (u.pathname !== config.path && !onResumeUrl) {
      // Leave other paths to other upgrade handlers; refuse them if there are none.
      if (server.listenerCount('upgrade') === 1) rejectUpgrade(socket, 404, 'Not Found', `no WebSocket endpoint at ${u.pathname}`);
      return;
    }
    const encoding = u.searchParams.get('encoding') ?? 'json';
    const compress = u.searchParams.get('compress');
    if (encoding !== 'json') return rejectUpgrade(socket, 400, 'Bad Request', `encoding=${encoding} is not supported by the simulator (use json)`);
    if (compress !== null && compress !== 'zlib-stream') {
      return rejectUpgrade(socket, 400, 'Bad Request', `compress=${compress} is not supported by the simulator (use zlib-stream or none)`);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      hub.counters.connections++;
      const conn = new GatewayConnection(ws, hub, { compress: compress === 'zlib-stream', onResumeUrl });
      hub.connections.add(conn);
      const v = u.searchParams.get('v');
      if (v !== null && !SUPPORTED_VERSIONS.has(v)) return conn.closeWith(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version.');
      conn.start();
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    get url() {
      return url();
    },
    botInfo(applicationId) {
      const guilds = state.guildIdsOf(state.applications.get(applicationId).botUserId).length;
      return {
        url: url(),
        shards: recommendedShards ?? Math.max(1, Math.ceil(guilds / 1_000)),
        session_start_limit: hub.limiter.sessionStartLimit(applicationId),
      };
    },
    dropConnections(o = {}) {
      const conns = hub.select(o);
      for (const c of conns) {
        if (o.code === undefined) c.terminate();
        else c.closeWith(o.code, 'Closed by the simulator.');
      }
      return conns.length;
    },
    sendReconnect(target) {
      const conns = hub.select(target).filter((c) => !c.closed);
      for (const c of conns) c.sendOp(GatewayOpcodes.Reconnect, null);
      hub.counters.reconnectsSent += conns.length;
      return conns.length;
    },
    invalidateSessions(resumable, target) {
      const conns = hub.select(target).filter((c) => c.session && !c.closed);
      for (const c of conns) hub.invalidate(c, resumable);
      return conns.length;
    },
    sessions: () => hub.sessionInfo(),
    setShardLimits(limits) {
      if (limits.maxGuildsPerShard !== undefined) config.maxGuildsPerShard = limits.maxGuildsPerShard;
      if (limits.recommendedShards !== undefined) recommendedShards = limits.recommendedShards;
    },
    counters: hub.counters,
    events: hub.events,
    async close() {
      server.off('upgrade', onUpgrade);
      hub.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Answers a refused upgrade with a JSON error and closes the socket. */
function rejectUpgrade(socket: Duplex, status: number, text: string, message: string): void {
  const body = JSON.stringify({ message, code: 0 });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
