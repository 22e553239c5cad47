/**
 * Setup of the ingest bench: the production driver chain (Neon `Pool` + drizzle over the
 * local WebSocket proxy to PGlite on the wire) with a statement counter, and 100-event
 * ingest batches cut from the simulator's seeded scenario.
 */
import { Pool, neonConfig, type PoolClient } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import * as schema from '@edge/drizzle/schema';
import type { IngestBatch } from '@edge/shared/protocol';
import type { Db } from '../workers/src/lib/db';
import { scenarioStream } from '../workers/src/modules/stats/testing/scenarioStream';

/** Points the Neon driver at the local proxy, as `lib/db` does when `NEON_WS_PROXY` is set. */
export function useProxy(hostPort: string): void {
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = (host, port) => `${hostPort}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** A counted pool: `trips.n` grows by one per statement sent on any of its connections. */
export interface CountedDb {
  db: Db;
  pool: Pool;
  trips: { n: number };
}

/**
 * A pool as `lib/db`'s `createDb` opens it, with every connection's `query` wrapped: the
 * pool's own `query` and transactions (`pool.connect()` then `client.query`) both land there,
 * so each statement is one count (one round trip: the driver does not pipeline statements).
 */
export function countedPool(databaseUrl: string, trips: { n: number } = { n: 0 }): CountedDb {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => {});
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => (trips.n++, query(...a));
  });
  return { db: drizzle(pool, { schema }) as unknown as Db, pool, trips };
}

/** What the bench replays: the scenario's guild and its events as ingest batches of 100. */
export interface BenchBatches {
  guildId: string;
  batches: IngestBatch[];
}

/**
 * `count` batches of 100 consecutive scenario dispatches (chat, reactions, voice moves,
 * joins, leaves), shaped as the shard posts them (`receivedAt` in Unix ms).
 */
export async function scenarioBatches(count: number): Promise<BenchBatches> {
  const { guildId, events } = await scenarioStream({ actions: count * 100 + 500, startAt: Date.now() - 86_400_000, tickMs: 1_000 });
  const batches: IngestBatch[] = [];
  for (let i = 0; i + 100 <= events.length && batches.length < count; i += 100) {
    batches.push({
      batchId: `bench-${batches.length}`,
      events: events.slice(i, i + 100).map((e) => ({ id: e.eventId, type: e.type, guildId: e.guildId, receivedAt: e.receivedAt.getTime(), payload: e.payload as Record<string, unknown> })),
    });
  }
  if (batches.length < count) throw new Error(`scenario gave ${batches.length} batches, wanted ${count}`);
  return { guildId, batches };
}

/** Median of a non-empty list. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
