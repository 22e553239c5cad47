/**
 * Cost of one 100-event ingest batch (issue 6), as production spends it: the EventInbox's
 * store (`InboxCore.accept`, SQLite: better-sqlite3 here, the Durable Object's SQLite in the
 * Worker) and then `processStoredEvents` (what the GuildHub runs on the inbox's delivery:
 * Discord cache invalidation, guild lifecycle, Welcome's handlers, Stats' batch handler,
 * feed and counters to the guild's hub), for a guild with
 * Welcome (channel message, leave message, one autorole) and Stats on, on batches cut from the
 * simulator's seeded scenario (messages, reactions, voice, joins, leaves).
 *
 * Database: the production driver chain of the local stack (Neon `Pool` + drizzle → local
 * WebSocket-to-TCP proxy → PGlite over the wire, loopback); each statement counted at the
 * connection. The hub (real `HubCore` logic on a Map), Discord REST and Redis are in-process
 * fakes whose calls are counted and reported apart. Medians over the measured batches after a
 * warm-up, with one warm pool (`.ms`), and with a fresh pool per batch as `withDb` does in
 * the Worker (`.ms_fresh_pool`: includes the WebSocket + Postgres connect).
 */
import type { Redis } from '@upstash/redis/cloudflare';
import { runMigrations } from '@edge/drizzle';
import { startNeonProxy, startPglite } from '@edge/dev';
import type { Config, Env } from '../workers/src/env';
import type { IngestBatch } from '@edge/shared/protocol';
import { InboxCore } from '../workers/src/ingest/inbox/InboxCore';
import type { Db } from '../workers/src/lib/db';
import { sqliteExec } from '../workers/src/lib/testing/sqliteExec';
import { SqlClaimStore } from '../workers/src/platform/processing/ClaimStore';
import type { ProcessableEvent } from '../workers/src/platform/processing/ProcessableEvent';
import { discordCache } from '../workers/src/lib/discordCache';
import { createLogger } from '@edge/shared/log';
import { processStoredEvents, type ProcessDeps } from '../workers/src/platform/processing/processStoredEvents';
import { StatsLedger } from '../workers/src/modules/stats/hub/StatsLedger';
import { sqliteLocalStore } from '../workers/src/platform/testing/sqliteLocalStore';
import { BENCH_IDS, fakeHub, fakeRedis, fakeRest, type Calls } from './ingestFakes';
import { countedPool, median, scenarioBatches, useProxy } from './ingestSetup';
import type { Figure } from './run';

const WARMUP = 5;
const MEASURED = 30;
const FRESH_POOL = 20;

const appConfig = { DISCORD_APPLICATION_ID: BENCH_IDS.bot, DISCORD_BOT_TOKEN: 'bench', DISCORD_API_BASE: '', BOT_OWNER_IDS: '' } as Config;
const log = createLogger({ bench: 'ingest' }, () => {});
const stamp = (b: IngestBatch, prefix: string): IngestBatch => ({ batchId: `${prefix}${b.batchId}`, events: b.events.map((e) => ({ ...e, id: `${prefix}${e.id}` })) });

type Sample = { storeMs: number; storeTrips: number; ms: number; trips: number; hub: number; discord: number; redis: number };

const inbox = new InboxCore({
  sql: sqliteExec(), retentionMs: 3_600_000, log, isHeavy: () => false, setAside: async () => {},
  hub: () => ({ processEvents: () => Promise.reject(new Error('the bench processes itself')) }),
});

/** The inbox's store of a batch, and its events as delivered to the hub. */
function store(batch: IngestBatch): ProcessableEvent[] {
  const r = inbox.accept(`nonce-${batch.batchId}`, JSON.stringify(batch));
  if (!r.ok || r.stored !== batch.events.length) throw new Error(`batch ${batch.batchId} not stored whole`);
  return batch.events.map((e) => ({ eventId: e.id, type: e.type, guildId: e.guildId, payload: e.payload, receivedAt: new Date(e.receivedAt ?? Date.now()).toISOString() }));
}

/** Stores then processes one batch; throws if any event failed (a bench of failures measures nothing). */
async function storeAndProcess(db: Db, trips: Calls, calls: { hub: Calls; discord: Calls; redis: Calls }, deps: ProcessDeps, batch: IngestBatch): Promise<Sample> {
  const t0 = performance.now();
  const trips0 = trips.n;
  const stored = store(batch);
  const storeMs = performance.now() - t0;
  const storeTrips = trips.n - trips0;
  const before = { trips: trips.n, hub: calls.hub.n, discord: calls.discord.n, redis: calls.redis.n };
  const t1 = performance.now();
  await runProcessing(stored, deps, calls.redis);
  return { storeMs, storeTrips, ms: performance.now() - t1, trips: trips.n - before.trips, hub: calls.hub.n - before.hub, discord: calls.discord.n - before.discord, redis: calls.redis.n - before.redis };
}

/** What `GuildHub.processEvents` does with a delivered slice, minus the Durable Object. */
async function runProcessing(events: ProcessableEvent[], deps: ProcessDeps, redis: Calls): Promise<void> {
  await discordCache.forgetChanged(fakeRedis(redis) as unknown as Redis, events);
  const res = await processStoredEvents(events, deps);
  if (res.failed.length > 0) throw new Error(`processing failed: ${JSON.stringify(res.failed.slice(0, 3))}`);
}

/** Runs the bench; figures named as in issue 6 (`ingest.batch100.*`, `ingest.store100.*`). */
export async function runIngestBench(): Promise<Record<string, Figure>> {
  const { guildId, batches } = await scenarioBatches(WARMUP + MEASURED + FRESH_POOL);
  const pg = await startPglite({ port: 0 });
  const proxy = await startNeonProxy({ port: 0 });
  const samples: Sample[] = [];
  const freshMs: number[] = [];
  const statsMs: number[] = [];
  const statsTrips: number[] = [];
  try {
    await runMigrations(pg.databaseUrl);
    useProxy(proxy.hostPort);
    const calls = { hub: { n: 0 }, discord: { n: 0 }, redis: { n: 0 } };
    const { db, pool, trips } = countedPool(pg.databaseUrl);
    const { hub, core } = fakeHub(db, calls.hub);
    // Processing runs in the guild's hub: claims and Stats' counts in its SQLite (better-sqlite3 here).
    const deps: ProcessDeps = { env: {} as Env, appConfig, db, log, rest: fakeRest(calls.discord), hub, claims: new SqlClaimStore(sqliteExec()), local: sqliteLocalStore() };
    try {
      // The guild joins (GUILD_CREATE through the same path), then an admin turns both modules on.
      const create = { batchId: 'setup', events: [{ id: 'setup:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: 'Bench guild', icon: null, owner_id: BENCH_IDS.bot, member_count: 60, joined_at: new Date().toISOString() } }] };
      await storeAndProcess(db, trips, calls, deps, create);
      await core.enable(guildId, { moduleId: 'welcome', actorId: BENCH_IDS.bot, config: { channelId: BENCH_IDS.channel, leave: { enabled: true }, autoroles: [BENCH_IDS.autorole] } });
      await core.enable(guildId, { moduleId: 'stats', actorId: BENCH_IDS.bot });
      for (const [i, batch] of batches.slice(0, WARMUP + MEASURED).entries()) {
        const s = await storeAndProcess(db, trips, calls, deps, batch);
        if (i >= WARMUP) samples.push(s);
      }
      // Stats' batch handler alone, on fresh ids of the same batches (the figure issue 6 first
      // reported): it counts in the hub's SQLite, so Postgres sees no round trip until the flush.
      const ledger = StatsLedger.of(sqliteLocalStore());
      for (const [i, batch] of batches.slice(0, WARMUP + MEASURED).entries()) {
        const events = stamp(batch, 'stats:').events.map((e) => ({ eventId: e.id, guildId, type: e.type, payload: e.payload, receivedAt: new Date(e.receivedAt!) }));
        const t0 = performance.now();
        const before = trips.n;
        ledger.count(events, events[0]!.receivedAt.getTime());
        if (i >= WARMUP) {
          statsMs.push(performance.now() - t0);
          statsTrips.push(trips.n - before);
        }
      }
      // A fresh pool per batch, as the hub opens one (lazily: Stats' batch handler uses it).
      for (const batch of batches.slice(WARMUP + MEASURED)) {
        const stored = store(batch);
        const t0 = performance.now();
        const fresh = countedPool(pg.databaseUrl);
        try {
          await runProcessing(stored, { ...deps, db: fresh.db }, calls.redis);
        } finally {
          await fresh.pool.end();
        }
        freshMs.push(performance.now() - t0);
      }
    } finally {
      await pool.end();
    }
  } finally {
    await proxy.stop();
    await pg.stop();
  }
  const inProcess = await statsInProcessMs(batches.slice(0, WARMUP + MEASURED), guildId);
  const med = (k: keyof Sample) => median(samples.map((s) => s[k]));
  const wire = 'neon Pool → ws proxy → PGlite wire, loopback';
  return {
    'ingest.batch100.db_round_trips': { value: med('trips'), unit: `round trips, median (max ${Math.max(...samples.map((s) => s.trips))}); whole processing, Welcome + Stats on` },
    'ingest.batch100.ms': { value: med('ms'), unit: `ms median, whole processing (${wire}; hub, Discord, Redis faked)` },
    'ingest.batch100.ms_fresh_pool': { value: median(freshMs), unit: 'ms median, whole processing with a fresh pool per batch (connect included, as withDb)' },
    'ingest.batch100.hub_calls': { value: med('hub'), unit: 'GuildHub RPCs per batch, median' },
    'ingest.batch100.discord_calls': { value: med('discord'), unit: `Discord REST calls per batch, median (max ${Math.max(...samples.map((s) => s.discord))})` },
    'ingest.batch100.redis_calls': { value: med('redis'), unit: 'Redis calls per batch (cache invalidation), median' },
    'ingest.store100.db_round_trips': { value: med('storeTrips'), unit: 'Postgres round trips, median (the EventInbox stores in its SQLite)' },
    'ingest.store100.ms': { value: med('storeMs'), unit: 'ms median, EventInbox store (parse, sanitize, one SQLite transaction; better-sqlite3 in Node)' },
    'ingest.stats_batch100.db_round_trips': { value: Math.max(...statsTrips), unit: 'Postgres round trips (max over batches), Stats batch handler alone (counts in the hub; the aligned flush writes Postgres)' },
    'ingest.stats_batch100.ms': { value: median(statsMs), unit: 'ms median, Stats batch handler alone (counts in the hub SQLite, in process)' },
    'ingest.stats_batch100.ms_pglite_inprocess': { value: inProcess, unit: 'ms median, Stats batch handler alone (hub SQLite, in process)' },
  };
}

/** The Stats handler alone on a fresh hub SQLite (in process), same batches. */
async function statsInProcessMs(batches: IngestBatch[], guildId: string): Promise<number> {
  const local = sqliteLocalStore();
  try {
    const ledger = StatsLedger.of(local);
    const ms: number[] = [];
    for (const [i, b] of batches.entries()) {
      const events = b.events.map((e) => ({ eventId: e.id, guildId, type: e.type, payload: e.payload, receivedAt: new Date(e.receivedAt!) }));
      const t0 = performance.now();
      ledger.count(events, events[0]!.receivedAt.getTime());
      if (i >= WARMUP) ms.push(performance.now() - t0);
    }
    return median(ms);
  } finally {
    local.close();
  }
}

// `tsx bench/ingest.ts` prints the figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runIngestBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}
