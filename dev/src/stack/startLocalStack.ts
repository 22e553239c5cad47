import { runMigrations } from '@edge/drizzle';
import { generateSecret } from '../lib/generateSecret';
import { silentLogger, type Logger } from '../lib/log';
import type { Service } from '../lib/Service';
import { startNeonProxy } from '../neon-proxy/startNeonProxy';
import { startPglite } from '../postgres/startPglite';
import { startQstash, type QstashService } from '../qstash/startQstash';
import { startRedisRest } from '../redis/startRedisRest';
import type { StackVars } from './StackVars';

/** Options of {@link startLocalStack}; everything is optional (tests pass nothing). */
export interface LocalStackOptions {
  /** Ports of each service; 0 (the default) picks free ones. */
  ports?: Partial<Record<'postgres' | 'neonProxy' | 'redisRest' | 'qstash', number>>;
  /** Use this Postgres instead of the embedded PGlite. */
  databaseUrl?: string;
  /** Use this Redis behind the REST endpoint instead of the embedded engine. */
  redisUrl?: string;
  /** PGlite data directory; omitted = in memory. */
  pgliteDataDir?: string;
  /** Tokens and signing keys; generated when omitted. */
  secrets?: Partial<Record<'redisToken' | 'qstashToken' | 'qstashCurrentSigningKey' | 'qstashNextSigningKey', string>>;
  /** QStash first retry delay in ms (default 1 000). */
  qstashRetryBaseMs?: number;
  /** Apply the drizzle migrations (default true). */
  migrate?: boolean;
  log?: Logger;
}

/** A running stack: every URL and secret, the Worker variables that point at it, and `stop()`. */
export interface LocalStack {
  databaseUrl: string;
  /** What backs the database and Redis endpoints. */
  backends: { postgres: 'pglite' | 'external'; redis: 'memory' | 'redis' };
  /** `host:port` of the Neon WebSocket proxy (the Worker's `NEON_WS_PROXY`). */
  neonWsProxy: string;
  redisRestUrl: string;
  redisRestToken: string;
  qstash: QstashService;
  /** The stack's part of the Worker's variables (database, Redis, QStash). */
  vars: StackVars;
  /** Time each part took to start, in ms (for the startup report). */
  timings: Record<string, number>;
  /** Stops every service this call started, in reverse order. */
  stop(): Promise<void>;
}

/**
 * Starts the local edge stack: embedded Postgres (or `databaseUrl`), the Neon WebSocket
 * proxy, the Upstash-compatible Redis REST endpoint (embedded engine or `redisUrl`) and the
 * QStash-compatible endpoint, then applies the migrations. On failure, whatever had started
 * is stopped before the error is rethrown.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? silentLogger;
  const ports = options.ports ?? {};
  const started: Service[] = [];
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    timings[name] = Math.round(performance.now() - t0);
    return out;
  };
  const stop = async () => {
    for (const s of started.reverse()) await s.stop().catch((err: Error) => log('warn', 'stop failed', { error: err.message }));
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pg = await timed('postgres', () => startPglite({ port: ports.postgres ?? 0, dataDir: options.pgliteDataDir }));
      started.push(pg);
      databaseUrl = pg.databaseUrl;
    }
    const [proxy, redis, qstash] = await Promise.all([
      timed('neonProxy', () => startNeonProxy({ port: ports.neonProxy ?? 0, log })).then((s) => (started.push(s), s)),
      timed('redisRest', () =>
        startRedisRest({ port: ports.redisRest ?? 0, token: options.secrets?.redisToken ?? generateSecret(24), redisUrl: options.redisUrl, log }),
      ).then((s) => (started.push(s), s)),
      timed('qstash', () =>
        startQstash({
          port: ports.qstash ?? 0,
          token: options.secrets?.qstashToken ?? generateSecret(24),
          currentSigningKey: options.secrets?.qstashCurrentSigningKey ?? `sig_${generateSecret(16)}`,
          nextSigningKey: options.secrets?.qstashNextSigningKey ?? `sig_${generateSecret(16)}`,
          retryBaseMs: options.qstashRetryBaseMs,
          log,
        }),
      ).then((s) => (started.push(s), s)),
    ]);
    if (options.migrate !== false) await timed('migrations', () => runMigrations(databaseUrl));
    return {
      databaseUrl,
      backends: { postgres: options.databaseUrl ? 'external' : 'pglite', redis: redis.backend },
      neonWsProxy: proxy.hostPort,
      redisRestUrl: redis.url,
      redisRestToken: redis.token,
      qstash,
      timings,
      vars: {
        DATABASE_URL: databaseUrl,
        NEON_WS_PROXY: proxy.hostPort,
        UPSTASH_REDIS_REST_URL: redis.url,
        UPSTASH_REDIS_REST_TOKEN: redis.token,
        QSTASH_URL: qstash.url,
        QSTASH_TOKEN: qstash.token,
        QSTASH_CURRENT_SIGNING_KEY: qstash.currentSigningKey,
        QSTASH_NEXT_SIGNING_KEY: qstash.nextSigningKey,
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
