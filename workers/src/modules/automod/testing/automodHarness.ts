import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { REST } from '@discordjs/rest';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { SimDispatch } from '@edge/simulator/state';
import type { Config, Env } from '../../../env';
import type { Db } from '../../../lib/db';
import { createLogger } from '../../../lib/log';
import type { FeedInput } from '../../../platform/hub/feed';
import type { EventContext, ModuleEvent, ProcessingContext } from '../../../platform/ModuleDefinition';
import { sqliteLocalStore } from '../../../platform/testing/sqliteLocalStore';
import { startSimRest, type SimRest } from '../../../platform/testing/startSimRest';
import { automodConfigSchema, type AutomodConfig } from '../config';
import { automodModule } from '../definition';

/**
 * Automod's Node test bench: the simulator's REST API (the only Discord), a migrated PGlite
 * (Moderation's cases, the audit log), one guild hub's SQLite, and a stand-in for Upstash
 * (Redis answers every read with a miss, QStash accepts every publish, both recorded).
 */
export async function automodHarness() {
  const upstash: string[] = [];
  const server: Server = createServer((req, res) => {
    upstash.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":null,"messageId":"msg_1"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const upstashUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sim: SimRest = await startSimRest(12);
  const client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  const db = pdb as unknown as Db;
  const appConfig = {
    DISCORD_APPLICATION_ID: sim.app.id, UPSTASH_REDIS_REST_URL: upstashUrl, UPSTASH_REDIS_REST_TOKEN: 'x',
    QSTASH_URL: upstashUrl, QSTASH_TOKEN: 'x', PUBLIC_URL: 'http://127.0.0.1:1',
  } as unknown as Config;
  const rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.app.botToken);
  const local = sqliteLocalStore();
  const reports: FeedInput[] = [];
  const claims = new Set<string>();
  let dispatches: SimDispatch[] = [];
  sim.state.on('dispatch', (e: SimDispatch) => dispatches.push(e));
  const guildId = sim.demo.guildId;
  const logs: string[] = [];
  const log = createLogger({}, (line) => void logs.push(line));
  let seq = 0;

  const ctx = (): ProcessingContext => ({
    env: {} as Env, appConfig, db, rest, log, local,
    once: async (eventId, key, effect) => {
      const k = `${eventId}:${key}`;
      if (claims.has(k)) return false;
      claims.add(k);
      try {
        await effect();
      } catch (err) {
        claims.delete(k);
        throw err;
      }
      return true;
    },
    report: (_g, item) => void reports.push(item),
    memo: (_k, load) => load(),
  });

  /** The dispatches since the last call, as the hub would hand them to Automod (its events only). */
  const take = (config: AutomodConfig, types = automodModule.events): ModuleEvent[] => {
    const list = dispatches.filter((d) => d.guildId === guildId && types.includes(d.t));
    dispatches = [];
    return list.map((d) => ({ eventId: `ev-${++seq}`, guildId, type: d.t as GatewayDispatchEvents, payload: d.d, receivedAt: new Date(), config, plan: 'free' as const }));
  };

  return {
    sim, db, rest, appConfig, local, reports, upstash, guildId, log, logs,
    config: (c: unknown = {}) => automodConfigSchema.parse(c),
    /** A member's Moderation cases, oldest first (read as stored: Moderation's tables are its own). */
    cases: async (targetId: string) => {
      const r = await client.query<{ type: string; source: string; duration_seconds: number | null; reason: string | null }>('SELECT type, source, duration_seconds, reason FROM moderation_cases WHERE guild_id = $1 AND target_id = $2 ORDER BY number', [guildId, targetId]);
      return r.rows.map((x) => ({ type: x.type, source: x.source, durationSeconds: x.duration_seconds, reason: x.reason }));
    },
    ctx,
    take,
    clear: () => void (dispatches = []),
    /** Runs the batch handler on the dispatches so far. */
    batch: async (config: AutomodConfig) => automodModule.batchHandler!(take(config), ctx()),
    /** Runs the per-event handlers on the dispatches so far. */
    events: async (config: AutomodConfig) => {
      for (const e of take(config)) {
        const handler = automodModule.eventHandlers?.[e.type];
        if (!handler) continue;
        const ec: EventContext = { ...ctx(), eventId: e.eventId, guildId, config, plan: 'free', guild: null, moduleId: 'automod', hub: undefined, jobs: { schedule: async () => {} } };
        await handler(e.payload, ec);
      }
    },
    /** The bot's lifecycle context (what onEnable / onConfigChange / onDisable get). */
    lifecycle: (config: AutomodConfig) => ({ moduleId: 'automod', guildId, config, plan: 'free' as const, db, rest, hub: undefined, jobs: { schedule: async () => {} }, log, appConfig, actorId: null }),
    close: async () => {
      local.close();
      await client.close();
      await sim.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The harness's type. */
export type AutomodHarness = Awaited<ReturnType<typeof automodHarness>>;
