import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from '@edge/drizzle/schema';
import type { Config } from '../env';

/** The drizzle database typed with the project's schema. */
export type Db = NeonDatabase<typeof schema>;

let proxyConfigured: string | undefined;

/**
 * Points the Neon driver at the local WebSocket-to-TCP proxy when `NEON_WS_PROXY` is set
 * (the embedded stack); with a Neon URL the production settings (TLS over wss) stay.
 */
function configureDriver(config: Pick<Config, 'NEON_WS_PROXY'>): void {
  const proxy = config.NEON_WS_PROXY;
  if (!proxy || proxyConfigured === proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  proxyConfigured = proxy;
}

/**
 * Opens a pool for one request (`maxConnections`: 4 by default; each connection is a
 * subrequest and a Postgres backend, so request paths that do not need parallel queries ask for 1). Workers cannot keep sockets across requests, so the caller
 * ends it (`waitUntil(pool.end())`); {@link withDb} does that for you.
 */
export function createDb(config: Pick<Config, 'DATABASE_URL' | 'NEON_WS_PROXY'>, options: { maxConnections?: number } = {}): { db: Db; pool: Pool } {
  configureDriver(config);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: options.maxConnections ?? 4 });
  // An idle client's socket error must not crash the isolate; the query that needs it fails instead.
  pool.on('error', () => {});
  return { db: drizzle(pool, { schema }), pool };
}

/** Runs `fn` with a fresh pool and ends the pool afterwards, even on error. */
export async function withDb<T>(config: Pick<Config, 'DATABASE_URL' | 'NEON_WS_PROXY'>, fn: (db: Db) => Promise<T>): Promise<T> {
  const { db, pool } = createDb(config);
  try {
    return await fn(db);
  } finally {
    await pool.end().catch(() => {});
  }
}
