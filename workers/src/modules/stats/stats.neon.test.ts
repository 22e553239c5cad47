import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import { runMigrations } from '@edge/drizzle';
import { startNeonProxy, startPglite, type NeonProxyService, type PgliteService } from '@edge/dev';
import type { StatsDb } from './db';
import { runStatsRetention } from './jobs/runStatsRetention';
import { getLeaderboard } from './queries/getLeaderboard';
import { getOverview } from './queries/getOverview';
import { getTimeline } from './queries/getTimeline';
import { resolvePeriod } from './queries/period';
import { scenarioStream } from './testing/scenarioStream';
import { statsHub } from './testing/statsHub';

// The production driver chain of the local stack: Neon Pool → WebSocket proxy → PGlite wire.
let pg: PgliteService;
let proxy: NeonProxyService;
let pool: Pool;
let db: StatsDb;
beforeAll(async () => {
  pg = await startPglite({ port: 0 });
  proxy = await startNeonProxy({ port: 0 });
  await runMigrations(pg.databaseUrl);
  neonConfig.webSocketConstructor = ws;
  neonConfig.wsProxy = (host, port) => `${proxy.hostPort}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  pool = new Pool({ connectionString: pg.databaseUrl, max: 2 });
  db = drizzle(pool) as unknown as StatsDb;
});
afterAll(async () => {
  await pool?.end();
  await proxy?.stop();
  await pg?.stop();
});

describe('stats through the Neon driver (local stack Postgres)', () => {
  it('flushes a scenario exactly and idempotently, and the reads (with unflushed deltas) parse the driver types', async () => {
    const start = Date.now() - 2 * 86_400_000;
    const run = await scenarioStream({ actions: 1_500, startAt: start, tickMs: 10_000 });
    let clock = start;
    const hub = statsHub(db, run.guildId, { now: () => clock });
    const half = Math.floor(run.events.length / 200) * 100;
    for (let i = 0; i < run.events.length; i += 100) {
      const batch = run.events.slice(i, i + 100);
      clock = batch[batch.length - 1]!.receivedAt.getTime();
      hub.count(batch);
      // One flush through the Neon driver half-way; the rest stays in the hub for the reads.
      if (i + 100 === half) expect((await hub.flush()).statements).toBeGreaterThanOrEqual(1);
    }
    for (let i = 0; i < run.events.length; i += 100) expect(hub.count(run.events.slice(i, i + 100)).fresh).toBe(0);
    const pending = hub.pending();
    expect(pending.length).toBe(1);
    const g = run.tally.guilds[run.guildId]!;
    const period = resolvePeriod({ from: new Date(start) }, 'premium', new Date());
    const o = await getOverview(db, run.guildId, period, pending);
    const voice = Object.values(g.members).reduce((a, m) => a + m.voiceSeconds, 0);
    expect([o.messages, o.reactions, o.joins, o.leaves, Math.round(o.voiceSeconds * 1000)]).toEqual([
      g.byType.message, g.byType.reaction, g.byType.join, g.byType.leave, Math.round(voice * 1000),
    ]);
    const tl = await getTimeline(db, run.guildId, 'reactions', '1d', period, pending);
    expect(tl.points[0]!.t).toMatch(/T00:00:00.000Z$/);
    expect(tl.points.reduce((a, p) => a + p.value, 0)).toBe(g.byType.reaction);
    const top = await getLeaderboard(db, run.guildId, 'messages', null, 1, pending);
    expect(top[0]!.value).toBe(Math.max(...Object.values(g.members).map((m) => m.messages)));
    // The second flush: Postgres alone now gives the same figures.
    await hub.flush();
    expect(hub.pending()).toEqual([]);
    expect(await getOverview(db, run.guildId, period)).toEqual(o);
    // Nothing is older than the free window yet: retention deletes nothing.
    expect(await runStatsRetention(db, new Date())).toMatchObject({ buckets5min: 0, memberDays: 0 });
    hub.close();
  });
});
