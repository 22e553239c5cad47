import { Pool, neonConfig } from '@neondatabase/serverless';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { NeonDatabase, NeonSession } from 'drizzle-orm/neon-serverless';
import { PgDialect } from 'drizzle-orm/pg-core';
import * as schema from '@edge/drizzle/schema';
import type { Context } from 'hono';
import type { Config } from '../env';
import { countNeonQuery, countUsage } from './usage';

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

type SchemaConfig = NonNullable<ConstructorParameters<typeof NeonDatabase<typeof schema>>[2]>;

/**
 * What `drizzle(pool, { schema })` rebuilds on every call (the schema's relational config,
 * the SQL dialect), built once per isolate: each request opens its own pool, and redoing this
 * per pool cost CPU on every request (issue 11).
 */
let shared: { dialect: PgDialect; schema: SchemaConfig } | undefined;
function sharedParts(): { dialect: PgDialect; schema: SchemaConfig } {
  if (!shared) {
    const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
    shared = { dialect: new PgDialect(), schema: { fullSchema: schema, schema: tables.tables as SchemaConfig['schema'], tableNamesMap: tables.tableNamesMap } };
  }
  return shared;
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
  pool.on('connect', () => countUsage('neonConnections'));
  pool.on('acquire', () => countNeonQuery());
  const { dialect, schema: relational } = sharedParts();
  const db = new NeonDatabase(dialect, new NeonSession(pool, dialect, relational, {}), relational) as Db;
  return { db: Object.assign(db, { $client: pool }), pool };
}

/** Runs `fn` with a fresh pool (`maxConnections`: see {@link createDb}) and ends the pool afterwards, even on error. */
export async function withDb<T>(
  config: Pick<Config, 'DATABASE_URL' | 'NEON_WS_PROXY'>,
  fn: (db: Db) => Promise<T>,
  options: { maxConnections?: number } = {},
): Promise<T> {
  const { db, pool } = createDb(config, options);
  try {
    return await fn(db);
  } finally {
    await pool.end().catch(() => {});
  }
}

/**
 * A database that opens its pool on first use: for paths where most runs need no Postgres
 * (the hub's event processing), so a run that never touches `db` costs no connection and no
 * CPU for one. `end()` ends the pool if one was opened; `opened` says whether it was.
 */
export function lazyDb(config: Pick<Config, 'DATABASE_URL' | 'NEON_WS_PROXY'>): { db: Db; readonly opened: boolean; end(): Promise<void> } {
  let open: { db: Db; pool: Pool } | undefined;
  const real = () => (open ??= createDb(config));
  const db = new Proxy({} as Db, {
    get(_target, prop) {
      // Not a thenable: awaiting or returning it from an async function must not connect.
      if (prop === 'then') return undefined;
      const target = real().db;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    db,
    get opened() {
      return open !== undefined;
    },
    end: async () => {
      const pool = open?.pool;
      open = undefined;
      await pool?.end().catch(() => {});
    },
  };
}

/** The request's lazily opened database when the request has one (`/api`: `requestDb`), else undefined. */
export function requestDbOf(c: Context): (() => Db) | undefined {
  const open = (c.var as { db?: unknown }).db;
  return typeof open === 'function' ? (open as () => Db) : undefined;
}

/**
 * Runs `fn` with the request's database (one connection per `/api` request, ended by
 * `requestDb`) or, outside `/api`, a fresh pool: a route never opens a second connection.
 */
export function withRequestDb<T>(c: Context, fn: (db: Db) => Promise<T>): Promise<T> {
  const open = requestDbOf(c);
  return open ? fn(open()) : withDb(c.get('config') as Config, fn);
}
