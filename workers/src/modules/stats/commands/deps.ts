import type { Config } from '../../../env';
import { withDb } from '../../../lib/db';
import type { StatsDb } from '../db';

/** What the stats commands need besides the interaction (tests swap them). */
export interface StatsCommandDeps {
  withDb<T>(appConfig: Config, fn: (db: StatsDb) => Promise<T>): Promise<T>;
  now(): Date;
}

/** Production: a fresh Neon pool per deferred reply, the real clock. */
export const defaultCommandDeps: StatsCommandDeps = {
  withDb: (appConfig, fn) => withDb(appConfig, (db) => fn(db as unknown as StatsDb)),
  now: () => new Date(),
};
