import { createLogger } from '@edge/shared/log';
import type { Config } from '../../../env';
import type { Db } from '../../../lib/db';
import { sqliteLocalStore } from '../../../platform/testing/sqliteLocalStore';
import type { StatsDb } from '../db';
import type { StatsBatchEvent } from '../events/toStatsRow';
import { flushStats } from '../hub/flushStats';
import { readStatsPending, type StatsLocalAnswer, type StatsLocalQuery } from '../hub/readStatsPending';
import { StatsLedger } from '../hub/StatsLedger';
import type { StatsPending } from '../queries/pending';

const silent = createLogger({}, () => {});

/**
 * One guild hub's Stats for tests: its SQLite (better-sqlite3, the engine the Durable Object
 * runs) and the module's own count, read and flush functions against a test Postgres. `now`
 * is the hub's clock (events older than the idempotency window are refused).
 */
export function statsHub(db: StatsDb, guildId: string, opts: { now?: () => number } = {}) {
  const local = sqliteLocalStore();
  const now = opts.now ?? (() => Date.now());
  const ledger = StatsLedger.of(local);
  return {
    local,
    ledger,
    count: (events: readonly StatsBatchEvent[]) => ledger.count(events, now()),
    pending: (): StatsPending => readStatsPending({ guildId, local, now: new Date(now()) }) as StatsPending,
    /** A read the hub answers from its snapshot (no Postgres), as `hub.readLocal('stats', query)`. */
    query: (query: StatsLocalQuery): StatsLocalAnswer => readStatsPending({ guildId, local, now: new Date(now()) }, query) as StatsLocalAnswer,
    /** The hub's alarm flush against `target` (default: the test database). */
    flush: (target: StatsDb = db) =>
      flushStats({ guildId, local, log: silent, now: new Date(now()), appConfig: {} as Config, db: target as unknown as Db }),
    close: () => local.close(),
  };
}
