import type { Config } from '../../env';
import { createLogger } from '@edge/shared/log';
import { withDb, type Db } from '../../lib/db';
import { flushModules } from '../../platform/flushModules';
import { sqliteLocalStore } from '../../platform/testing/sqliteLocalStore';
import { HubCore } from '../../platform/hub/HubCore';
import { toHubResult } from '../../platform/hub/HubResult';
import { registry } from '../../platform/registry';
import type { ModuleEvent } from '../../platform/ModuleDefinition';
import { createRest } from '../../platform/processing/createRest';
import { createRunMemo } from '../../platform/processing/createRunMemo';

/** Where the hubs keep guild state: the app config's database (opened per use) or an open one (PGlite). */
export type HubDatabase = { config: Config } | { db: Db };

/**
 * A `GUILD_HUB` namespace for in-process tests: the real `HubCore` per guild over the test
 * database, with Durable Object storage in a Map and its SQLite in memory (better-sqlite3) for
 * modules' hub-local reads and flushes (the Worker tests use the real DO). Its hubs answer as the
 * DO's RPC does: refusals come back as data (`toHubResult`).
 */
export function inProcessHub(database: HubDatabase) {
  const useDb = <T>(fn: (db: Db) => Promise<T>): Promise<T> => ('db' in database ? fn(database.db) : withDb(database.config as Config, fn));
  const hubs = new Map<string, object>();
  const make = () => {
    const storage = new Map<string, unknown>();
    const local = sqliteLocalStore();
    const core = new HubCore({
      storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
      registry,
      withDb: useDb,
      broadcast: () => {},
      notifyShard: async () => {},
    });
    return {
      getState: (g: string) => core.getState(g),
      enable: (g: string, i: never) => toHubResult(() => core.enable(g, i)),
      disable: (g: string, i: never) => toHubResult(() => core.disable(g, i)),
      configure: (g: string, i: never) => toHubResult(() => core.configure(g, i)),
      rollback: (g: string, i: never) => toHubResult(() => core.rollback(g, i)),
      setPlan: (g: string, i: never) => toHubResult(() => core.setPlan(g, i)),
      readLocal: async (g: string, moduleId: string, args: unknown) => {
        const def = registry.require(moduleId);
        return { state: await core.getState(g), value: def.readLocal ? def.readLocal({ guildId: g, local, now: new Date() }, args) : null };
      },
      // A module's batch handler on its events, with this hub's SQLite (admin changes sent through the hub).
      runBatch: async (g: string, moduleId: string, events: ModuleEvent[]) => {
        const def = registry.require(moduleId);
        if (!def.batchHandler) return;
        const appConfig = ('config' in database ? database.config : {}) as Config;
        await useDb((db) => def.batchHandler!(events, {
          env: {} as never, appConfig, db, log: createLogger({ hub: g }, () => {}), local, memo: createRunMemo(),
          get rest() { return createRest(appConfig); },
          once: () => Promise.reject(new Error('once() is for per-event handlers')),
          report: () => {},
        }));
      },
      // Flushes open their own connection from the app config.
      flushNow: (g: string) =>
        'config' in database
          ? flushModules(registry, { guildId: g, local, appConfig: database.config, log: createLogger({}, () => {}), now: new Date() })
          : Promise.reject(new Error('flushNow needs inProcessHub({ config })')),
      // No shard is linked in process.
      live: async () => ({ feed: await core.recentFeed(), counters: await core.counters(), shard: { connected: false, shards: 0 } }),
      fetch: async () => new Response(null, { status: 501 }),
    };
  };
  return {
    idFromName: (name: string) => name,
    get: (name: string) => {
      let hub = hubs.get(name);
      if (!hub) hubs.set(name, (hub = make()));
      return hub;
    },
  };
}
