import { randomBytes } from 'node:crypto';
import { startPglite, type PgliteService } from '@edge/dev';
import { runMigrations } from '@edge/drizzle';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsDb } from '../db';
import { fakeEvents } from '../testing/fakeEvents';
import type { StatsBatchEvent } from './toStatsRow';
import { processStatsBatch } from './processStatsBatch';

/**
 * Stats batches of one guild processed at the same time on several connections (production:
 * two deliveries in flight, the cron sweep) must give the totals of processing them one by one.
 * The race needs a real multi-connection Postgres: `TEST_DATABASE_URL` (CI: this machine's
 * Postgres); the test creates its own database there and drops it after. Without it, PGlite
 * over the wire stands in: it runs one session at a time, so it checks the code path only.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL;
const CONNECTIONS = 8;

let pool: pg.Pool;
let db: StatsDb;
let pglite: PgliteService | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  let url: string;
  if (ADMIN_URL) {
    const name = `stats_conc_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    pglite = await startPglite({ port: 0 });
    url = pglite.databaseUrl;
  }
  await runMigrations(url);
  pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  // The forced DROP DATABASE below may still meet a closing connection: not a test failure.
  pool.on('error', () => {});
  db = drizzle(pool) as unknown as StatsDb;
});

afterAll(async () => {
  await pool?.end();
  await dropDatabase?.();
  await pglite?.stop();
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The same activity for any guild id: members moving between voice channels (and out), some
 * chat, shuffled and cut into small batches that overlap (each repeats an event of the next).
 */
function scenario(guildId: string, seed: number): StatsBatchEvent[][] {
  const rnd = random(seed);
  const f = fakeEvents(guildId);
  const t0 = Date.parse('2025-03-10T23:40:00Z');
  const channels = ['v1', 'v2', 'v3', null];
  const events: StatsBatchEvent[] = [];
  for (const member of ['a', 'b', 'c']) {
    let t = t0;
    for (let i = 0; i < 40; i++) {
      t += 5_000 + Math.floor(rnd() * 120_000);
      events.push(f.voice(member, channels[Math.floor(rnd() * channels.length)]!, t));
      if (rnd() < 0.3) events.push(f.message(member, 'c1', t + 1_000));
    }
  }
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  const batches: StatsBatchEvent[][] = [];
  for (let i = 0; i < events.length; i += 4) batches.push(events.slice(i, i + 5));
  return batches;
}

/** Everything Stats wrote for a guild, without the guild id, in a stable order. */
async function snapshot(guildId: string): Promise<Record<string, unknown[]>> {
  const q = async (text: string) => (await pool.query(text, [guildId])).rows;
  return {
    totals: await q(`SELECT user_id, messages, voice_ms::text, last_active_at FROM stats_member_totals WHERE guild_id = $1 ORDER BY 1`),
    memberDaily: await q(`SELECT day, user_id, messages, voice_ms::text FROM stats_member_daily WHERE guild_id = $1 ORDER BY 1, 2`),
    fiveMin: await q(`SELECT bucket, channel_id, messages, voice_ms::text FROM stats_5min WHERE guild_id = $1 AND (messages <> 0 OR voice_ms <> 0) ORDER BY 1, 2`),
    daily: await q(`SELECT day, channel_id, messages, voice_ms::text FROM stats_daily WHERE guild_id = $1 AND (messages <> 0 OR voice_ms <> 0) ORDER BY 1, 2`),
    voiceState: await q(`SELECT user_id, channel_id, since FROM stats_voice_state WHERE guild_id = $1 ORDER BY 1`),
  };
}

describe(`stats batches of one guild processed concurrently (${ADMIN_URL ? 'Postgres, ' + CONNECTIONS + ' connections' : 'PGlite over the wire: code path only'})`, () => {
  for (const seed of [1, 2, 3]) {
    it(`count what the same batches count one by one (seed ${seed})`, async () => {
      for (const batch of scenario(`seq${seed}`, seed)) await processStatsBatch(db, batch);
      const concurrent = scenario(`con${seed}`, seed);
      await Promise.all(concurrent.map((batch) => processStatsBatch(db, batch)));
      const expected = await snapshot(`seq${seed}`);
      expect(expected.totals).toHaveLength(3);
      expect(await snapshot(`con${seed}`)).toEqual(expected);
    });
  }
});
