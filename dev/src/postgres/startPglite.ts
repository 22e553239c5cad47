import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Service, ServiceOptions } from '../lib/Service';

/** Options of {@link startPglite}. */
export interface PgliteOptions extends ServiceOptions {
  /** Data directory kept across restarts; omitted = in memory (tests). */
  dataDir?: string;
  /**
   * How many client connections may be open at once. pglite-socket defaults to 1; it queues
   * queries from all connections onto the single PGlite backend and keeps a connection that is
   * inside a transaction exclusive, so many clients (a Pool per Worker request, the migrator,
   * the shard) can share it.
   */
  maxConnections?: number;
}

/** The embedded Postgres and its connection string. */
export interface PgliteService extends Service {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  databaseUrl: string;
  db: PGlite;
}

/**
 * Starts PGlite served over the Postgres wire protocol, so any Postgres client (`pg`, the
 * Neon driver through the WebSocket proxy, drizzle-kit) can reach it.
 */
export async function startPglite(options: PgliteOptions): Promise<PgliteService> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : undefined);
  const server = new PGLiteSocketServer({ db, host, port: options.port, maxConnections: options.maxConnections ?? 64 });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const port = Number(server.getServerConn().split(':').pop());
  const databaseUrl = `postgres://postgres@${host}:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  return {
    url: databaseUrl,
    databaseUrl,
    port,
    db,
    stop: () =>
      (stopped ??= (async () => {
        await server.stop();
        await db.close();
      })()),
  };
}
