import WebSocket from 'ws';
import type { LinkConfig } from './ForwardPolicy';
import type { Logger } from '@edge/shared/log';
import type { Metrics } from './Metrics';
import { CONNECT_BODY, type FleetDown } from '@edge/shared/protocol';
import { signedHeaders } from '@edge/shared/protocol/sign';

/** Messages the ShardCoordinator sends. */
export type LinkMessage =
  | ({ type: 'config' } & LinkConfig)
  | { type: 'module:change'; guildId: string; events: string[] }
  /** More guilds of the `config` just sent (a large config comes in several messages). */
  | { type: 'config:guilds'; guilds: Record<string, string[]> }
  | { type: 'pong' }
  | FleetDown;

/** Options of {@link ConfigLink}. */
export interface ConfigLinkOptions {
  workerUrl: string;
  secret: string;
  log: Logger;
  metrics: Metrics;
  onMessage: (message: LinkMessage) => void;
  /** A coordinated process: the coordinator sends it the needs of its shards' guilds with each assignment, not all at connect. */
  coordinated?: boolean;
  /** The link opened (coordinated processes register then). */
  onOpen?: () => void;
  /** The link closed (it reconnects by itself). */
  onClose?: () => void;
  maxBackoffMs?: number;
  pingIntervalMs?: number;
}

/**
 * The WebSocket to the Worker's `/shard/connect` (ShardCoordinator). Reconnects with
 * exponential backoff and jitter; a link silent for two ping intervals is dropped and
 * reopened. The caller keeps the last config, so the shard works on while this is down.
 */
export class ConfigLink {
  #ws: WebSocket | null = null;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #ping: NodeJS.Timeout | null = null;
  #lastHeard = 0;
  #closed = false;
  connected = false;

  constructor(private readonly options: ConfigLinkOptions) {}

  /** Opens the link (and keeps it open until {@link close}). */
  start(): void {
    this.#open();
  }

  #open(): void {
    if (this.#closed) return;
    const url = new URL('/shard/connect', this.options.workerUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.options.coordinated) url.searchParams.set('mode', 'coordinated');
    const ws = new WebSocket(url, { headers: signedHeaders(this.options.secret, CONNECT_BODY), handshakeTimeout: 10_000 });
    this.#ws = ws;
    ws.on('open', () => {
      this.connected = true;
      this.#attempt = 0;
      this.#lastHeard = Date.now();
      this.options.log.info('config link open');
      const every = this.options.pingIntervalMs ?? 30_000;
      this.#ping = setInterval(() => {
        if (Date.now() - this.#lastHeard > every * 2) return ws.terminate();
        ws.send('ping');
      }, every);
      this.options.onOpen?.();
    });
    ws.on('message', (data) => {
      this.#lastHeard = Date.now();
      const text = data.toString();
      if (text === 'pong') return;
      try {
        this.options.onMessage(JSON.parse(text) as LinkMessage);
      } catch (err) {
        this.options.log.warn('bad config link message', { error: (err as Error).message });
      }
    });
    ws.on('unexpected-response', (_req, res) => {
      this.options.log.error('config link refused', { status: res.statusCode });
      ws.terminate();
    });
    ws.on('error', (err) => this.options.log.debug('config link error', { error: err.message }));
    ws.on('close', () => {
      this.connected = false;
      if (this.#ping) clearInterval(this.#ping);
      this.#ping = null;
      this.options.onClose?.();
      if (this.#closed) return;
      const cap = Math.min(this.options.maxBackoffMs ?? 30_000, 500 * 2 ** Math.min(this.#attempt++, 10));
      const wait = cap / 2 + Math.random() * (cap / 2);
      this.options.metrics.linkReconnects.inc();
      this.#timer = setTimeout(() => this.#open(), wait);
    });
  }

  /** Sends a text message; false when the link is not open. */
  send(text: string): boolean {
    if (!this.connected || this.#ws?.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(text);
    return true;
  }

  /** Closes the link for good. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#ping) clearInterval(this.#ping);
    this.#ws?.close(1000);
    this.#ws?.terminate();
  }
}
