/**
 * Cost of counting one 100-event batch into the stats tables (issue 6): the module's batch
 * handler (`processStatsBatch`) on batches cut from the simulator's seeded scenario (chat,
 * reactions, voice moves, joins, leaves; realistic mix).
 *
 * Path measured: the production driver chain of the local stack. `@neondatabase/serverless`
 * `Pool` + `drizzle-orm/neon-serverless` → the local WebSocket-to-TCP proxy → PGlite served over
 * the Postgres wire protocol (`@electric-sql/pglite-socket`), all on loopback, after a warm-up
 * (a warm Worker isolate reuses nothing across requests, but the first connect is not the
 * batch's cost). Round trips are counted by wrapping the pool's `query` (every statement the
 * driver sends). The same batches through in-process PGlite are reported as a second figure.
 */
import { PGlite } from '@electric-sql/pglite';
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import { MIGRATIONS_FOLDER, runMigrations } from '../drizzle';
import { startNeonProxy } from '../dev/src/neon-proxy/startNeonProxy';
import { startPglite } from '../dev/src/postgres/startPglite';
import type { StatsDb } from '../workers/src/modules/stats/db';
import { processStatsBatch } from '../workers/src/modules/stats/events/processStatsBatch';
import type { StatsBatchEvent } from '../workers/src/modules/stats/events/toStatsRow';
import { scenarioStream } from '../workers/src/modules/stats/testing/scenarioStream';
import type { Figure } from './run';

const WARMUP = 5;
const MEASURED = 30;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function scenarioBatches(): Promise<StatsBatchEvent[][]> {
  const { events } = await scenarioStream({ actions: (WARMUP + MEASURED) * 100 + 500, startAt: Date.now() - 86_400_000, tickMs: 1_000 });
  const batches: StatsBatchEvent[][] = [];
  for (let i = 0; i + 100 <= events.length && batches.length < WARMUP + MEASURED; i += 100) batches.push(events.slice(i, i + 100));
  return batches;
}

async function measure(db: StatsDb, batches: StatsBatchEvent[][], trips: () => number) {
  const ms: number[] = [];
  const rt: number[] = [];
  for (const [i, batch] of batches.entries()) {
    const before = trips();
    const t0 = performance.now();
    await processStatsBatch(db, batch);
    if (i >= WARMUP) {
      ms.push(performance.now() - t0);
      rt.push(trips() - before);
    }
  }
  return { ms: median(ms), maxTrips: Math.max(...rt) };
}

/** Runs the bench; figures named as in issue 6 (`ingest.batch100.*`). */
export async function runIngestBench(): Promise<Record<string, Figure>> {
  const batches = await scenarioBatches();

  // Production driver chain over loopback.
  const pg = await startPglite({ port: 0 });
  const proxy = await startNeonProxy({ port: 0 });
  let overWire: { ms: number; maxTrips: number };
  try {
    await runMigrations(pg.databaseUrl);
    neonConfig.webSocketConstructor = ws;
    neonConfig.wsProxy = (host, port) => `${proxy.hostPort}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
    const pool = new Pool({ connectionString: pg.databaseUrl, max: 4 });
    let count = 0;
    const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
    (pool as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => (count++, query(...a));
    try {
      overWire = await measure(drizzleNeon(pool) as unknown as StatsDb, batches, () => count);
    } finally {
      await pool.end();
    }
  } finally {
    await proxy.stop();
    await pg.stop();
  }

  // In-process PGlite (no network), same batches.
  const client = await PGlite.create();
  let inProcess: { ms: number; maxTrips: number };
  try {
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    let count = 0;
    const q = client.query.bind(client);
    client.query = ((...a: Parameters<typeof q>) => (count++, q(...a))) as typeof client.query;
    inProcess = await measure(db as unknown as StatsDb, batches, () => count);
  } finally {
    await client.close();
  }

  return {
    'ingest.batch100.db_round_trips': { value: overWire.maxTrips, unit: 'round trips (max over batches)' },
    'ingest.batch100.ms': { value: overWire.ms, unit: 'ms median (neon Pool → ws proxy → PGlite wire, loopback)' },
    'ingest.batch100.ms_pglite_inprocess': { value: inProcess.ms, unit: 'ms median (in-process PGlite)' },
  };
}

// `tsx bench/ingest.ts` prints the figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runIngestBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}
