import type { Config } from '../../../env';
import { withDb } from '../../../lib/db';
import type { GuildHubClient } from '../../../platform/hub/guildHub';
import type { StatsDb } from '../db';
import type { StatsLocalAnswer, StatsLocalQuery } from '../hub/readStatsPending';
import type { StatsPending } from '../queries/pending';

/** What the stats commands need besides the interaction (tests swap them). */
export interface StatsCommandDeps {
  withDb<T>(appConfig: Config, fn: (db: StatsDb) => Promise<T>): Promise<T>;
  /** The hub's unflushed counts (added to Postgres' figures, so replies are exact). */
  pending(hub: GuildHubClient | undefined): Promise<StatsPending>;
  now(): Date;
  /** The answer from the hub's snapshot, or its pending deltas when it has none that covers the query. */
  local?(hub: GuildHubClient | undefined, query: StatsLocalQuery): Promise<StatsLocalAnswer>;
}

/** Production: a fresh Neon pool per deferred reply, the guild's hub, the real clock. */
export const defaultCommandDeps: StatsCommandDeps = {
  // One connection: a command's few reads queue on it rather than opening parallel ones (each a subrequest and CPU).
  withDb: (appConfig, fn) => withDb(appConfig, (db) => fn(db as unknown as StatsDb), { maxConnections: 1 }),
  pending: async (hub) => (hub ? ((await hub.readLocal<StatsPending>('stats')).value ?? []) : []),
  now: () => new Date(),
  local: async (hub, query) => (hub ? (await hub.readLocal<StatsLocalAnswer>('stats', query)).value : { hit: false, pending: [] }),
};
