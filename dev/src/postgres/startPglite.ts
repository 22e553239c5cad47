import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import type { Service, ServiceOptions } from '../lib/Service';
import { DbLock } from './DbLock';
import { PgWireConnection } from './PgWireConnection';

/** Options of {@link startPglite}. */
export interface PgliteOptions extends ServiceOptions {
  /** Data directory kept across restarts; omitted = in memory (tests). */
  dataDir?: string;
}

/** The embedded Postgres and its connection string. */
export interface PgliteService extends Service {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  databaseUrl: string;
  db: PGlite;
}

/**
 * Starts PGlite served over the Postgres wire protocol, so any Postgres client (`pg`, the
 * Neon driver through the WebSocket proxy, drizzle-kit) can reach it, many at once.
 *
 * Why not `@electric-sql/pglite-socket`'s server: v0.2 queues single protocol messages from
 * all connections and deadlocks when several clients run transactions concurrently (seen
 * with 6 `pg` clients doing BEGIN…COMMIT). Here a connection owns the session from its
 * first message until Postgres reports it idle, see {@link PgWireConnection}.
 */
export async function startPglite(options: PgliteOptions): Promise<PgliteService> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : undefined);
  const lock = new DbLock();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new PgWireConnection(socket, db, lock);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => resolve());
    });
  } catch (err) {
    await db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const databaseUrl = `postgres://postgres@${host}:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  return {
    url: databaseUrl,
    databaseUrl,
    port,
    db,
    stop: () =>
      (stopped ??= (async () => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      })()),
  };
}
