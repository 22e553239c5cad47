import { refreshSession } from '../api/client';
import { core, json } from '../api/core';

/** A live item from the guild hub's event feed. */
export interface FeedItem {
  id: string;
  type: string;
  summary: string;
  at: string;
  level?: 'info' | 'error';
}

type Listener = (msg: Record<string, unknown>) => void;

/** How often the figures are read over HTTP while the socket is down (never while it is up). */
export const FALLBACK_POLL_MS = 20_000;

/**
 * The dashboard's WebSocket to its guild's hub: reconnects with backoff, keeps the recent
 * feed, the live counters and the bot's status, and lets pages react to config changes made by
 * other admins. Everything is pushed by the hub (the bot's status too, when the shard connects
 * or drops): an open tab costs no request. Only while the socket is down does it read
 * `GET /api/guilds/:id/live` every {@link FALLBACK_POLL_MS}, and tells `onFallback` listeners
 * (pages reload what the socket would have told them).
 */
export class HubSocket {
  status = $state<'connecting' | 'open' | 'closed'>('connecting');
  feed = $state<FeedItem[]>([]);
  counters = $state<Record<string, number>>({});
  /** Counters when the page last loaded its figures; live KPIs add what happened since. */
  baseline = $state<Record<string, number> | undefined>(undefined);
  shard = $state<{ connected: boolean; shards: number } | undefined>(undefined);
  #ws: WebSocket | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- callbacks, never rendered: nothing to react to
  #listeners = new Set<Listener>();
  #attempt = 0;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- callbacks, never rendered
  #fallbackListeners = new Set<() => void>();

  constructor(private readonly guildId: string) {
    this.#connect();
  }

  /** Events of `type` processed since {@link markBaseline} (0 before the hub said hello). */
  delta(type: string): number {
    if (!this.baseline) return 0;
    return (this.counters[type] ?? 0) - (this.baseline[type] ?? 0);
  }

  /** Call when figures are (re)loaded from the API: live deltas start from here. */
  markBaseline(): void {
    this.baseline = { ...this.counters };
  }

  /** Subscribes to every message; returns the unsubscribe function. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called on each fallback poll (socket down): reload what pushes would have refreshed. */
  onFallback(listener: () => void): () => void {
    this.#fallbackListeners.add(listener);
    return () => this.#fallbackListeners.delete(listener);
  }

  close(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#poll);
    this.#ws?.close(1000);
  }

  #connect(): void {
    const url = `${location.origin.replace(/^http/, 'ws')}/api/guilds/${this.guildId}/ws`;
    this.status = 'connecting';
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.onopen = () => {
      this.status = 'open';
      this.#attempt = 0;
      // The hub pushes from now on (its hello carries the current figures).
      clearInterval(this.#poll);
      this.#poll = undefined;
    };
    ws.onmessage = (e) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      this.#apply(msg);
      for (const l of this.#listeners) l(msg);
    };
    let opened = false;
    ws.addEventListener('open', () => (opened = true));
    ws.onclose = () => {
      this.status = 'closed';
      if (this.#stopped) return;
      this.#poll ??= setInterval(() => void this.#fallbackPoll(), FALLBACK_POLL_MS);
      const delay = Math.min(30_000, 1_000 * 2 ** this.#attempt++) * (0.5 + Math.random() / 2);
      // A refused upgrade (the access token expired while the page stayed open) looks like any
      // close: rotate the session before the next try, as the API client does on TokenExpired.
      const before = opened ? Promise.resolve(true) : refreshSession();
      this.#timer = setTimeout(() => void before.finally(() => !this.#stopped && this.#connect()), delay);
    };
  }

  async #fallbackPoll(): Promise<void> {
    if (this.status === 'open' || this.#stopped) return;
    for (const l of this.#fallbackListeners) l();
    try {
      this.#apply({ type: 'snapshot', ...(await json(core.guilds[':guildId'].live.$get({ param: { guildId: this.guildId } }))) });
    } catch {
      // The API is down too: the next poll or the reconnection tries again.
    }
  }

  #apply(msg: Record<string, unknown>): void {
    const type = String(msg.type ?? '');
    if (type === 'hello' || type === 'snapshot') {
      if (Array.isArray(msg.feed)) this.feed = (msg.feed as FeedItem[]).slice(-50).reverse();
      if (msg.counters && typeof msg.counters === 'object') this.counters = msg.counters as Record<string, number>;
      this.baseline ??= { ...this.counters };
      if (msg.shard) this.shard = msg.shard as HubSocket['shard'];
    } else if (type === 'event' || type === 'feed') {
      const item = (msg.item ?? msg) as FeedItem;
      this.feed = [item, ...this.feed].slice(0, 50);
    } else if (type === 'counters') {
      this.counters = { ...this.counters, ...(msg.counters as Record<string, number>) };
    } else if (type === 'status') {
      this.shard = msg.shard as HubSocket['shard'];
    }
  }
}
