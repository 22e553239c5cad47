/** One structured log entry (never carries tokens or message content). */
export type GatewayLogger = (entry: { level: 'debug' | 'info' | 'warn' | 'error'; msg: string } & Record<string, unknown>) => void;

/** Options of {@link attachGateway}; every duration is in ms. Defaults are Discord's. */
export interface GatewayOptions {
  /** Upgrade path (default `/gateway`); resumes are also accepted on `${path}/resume`. */
  path?: string;
  /** Public ws URL (default `ws://127.0.0.1:<port>${path}` read from the server's address). */
  publicUrl?: string;
  /** `heartbeat_interval` sent in Hello (default 41_250). Make it short in tests. */
  heartbeatIntervalMs?: number;
  /** A connection that has not heartbeated for this long is a zombie: closed with 4009 (default 2 × interval). */
  heartbeatTimeoutMs?: number;
  /** How long a disconnected session stays resumable (default 180_000). */
  resumeTimeoutMs?: number;
  /** Dispatches kept per session for Resume (default 10_000); older ones make Resume fail with op 9. */
  replayBufferSize?: number;
  /** Identify buckets: `shard_id % max_concurrency` (default 1). */
  maxConcurrency?: number;
  /** One identify per bucket per window (default 5_000). */
  identifyWindowMs?: number;
  /** Identifies allowed per application per day (`session_start_limit.total`, default 1_000). */
  sessionStartLimit?: number;
  /** Gateway send limit per connection: more than `count` in `windowMs` closes with 4008 (default 120 / 60_000). */
  sendLimit?: { count: number; windowMs: number };
  /** Guilds one shard may hold before Identify is refused with 4011 (default 2_500). */
  maxGuildsPerShard?: number;
  /** Structured logs (default: none). */
  logger?: GatewayLogger;
}

/** Counters a test reads to check what happened. */
export interface GatewayCounters {
  connections: number;
  identifies: number;
  resumes: number;
  /** Dispatches sent live (not counting replays). */
  dispatched: number;
  /** Dispatches re-sent by Resume. */
  replayed: number;
  heartbeats: number;
  reconnectsSent: number;
  invalidSessionsSent: number;
  /** Close codes the simulator sent, by code. */
  closes: Record<number, number>;
}

/** A session as tests see it. */
export interface GatewaySessionInfo {
  sessionId: string;
  applicationId: string;
  shard: [number, number];
  intents: number;
  /** Last sequence number assigned. */
  seq: number;
  connected: boolean;
  guildIds: string[];
}

/** Which connections or sessions a control applies to (all when omitted). */
export interface GatewayTarget {
  sessionId?: string;
  applicationId?: string;
  shardId?: number;
}

/** The `GET /gateway/bot` body for an application. */
export interface GatewayBotInfo {
  url: string;
  shards: number;
  session_start_limit: { total: number; remaining: number; reset_after: number; max_concurrency: number };
}
