/**
 * Stats' share of the budget for the whole replayed day, computed exactly in process (every
 * batch, not the sample): the day's events counted by the module's own hub code in SQLite
 * (better-sqlite3, the Durable Object's engine) and flushed at aligned times into a Postgres
 * (PGlite with the migrations), as the hub's alarm does. Gives what Postgres keeps per day
 * (bytes and rows per Stats table, not scaled from a sample: rollups grow by distinct keys, not
 * by events), the flushes and statements that wake Neon, and the DO rows Stats writes.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '../../drizzle';
import { createLogger } from '../../workers/src/lib/log';
import type { Config } from '../../workers/src/env';
import type { Db } from '../../workers/src/lib/db';
import { flushStats } from '../../workers/src/modules/stats/hub/flushStats';
import { StatsLedger } from '../../workers/src/modules/stats/hub/StatsLedger';
import { sqliteLocalStore } from '../../workers/src/platform/testing/sqliteLocalStore';
import type { Day } from './dayTraffic';

/** Stats' day. */
export interface StatsDay {
  /** Flushes that sent something (each one Neon connection at an aligned time). */
  flushes: number;
  statements: number;
  /** Bytes (rows' own size x2 for indexes and pages, as the bench measures tables) per Stats table after the day. */
  tableBytes: Record<string, number>;
  tableRows: Record<string, number>;
  /**
   * Rows Stats writes in the hub's SQLite per day in steady state, counted by SQLite (`changes`):
   * a journal row written per counted batch (merged into its generation's row), a member's voice
   * row rewritten per batch with their changes, flush marks, the snapshot; plus the journal
   * rows' deletion 48 h later (a delete is a write too).
   */
  doRowsWritten: number;
  /** Minutes of the day at which flushes ran. */
  flushMinutes: number[];
}

const STATS_TABLES = ['stats_5min', 'stats_daily', 'stats_member_daily', 'stats_member_totals', 'stats_voice_state', 'stats_flushes'];

/** Counts and flushes the whole day every `flushEvery` minutes (aligned on the clock). */
export async function statsFlushDay(day: Day, guildId: string, flushEvery: number): Promise<StatsDay> {
  const client = await PGlite.create();
  const local = sqliteLocalStore();
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const ledger = StatsLedger.of(local);
    const step = flushEvery * 60_000;
    const out: StatsDay = { flushes: 0, statements: 0, tableBytes: {}, tableRows: {}, doRowsWritten: 0, flushMinutes: [] };
    const log = createLogger({}, () => {});
    const flush = async (at: number) => {
      const res = await flushStats({ guildId, local, log, now: new Date(at), appConfig: {} as Config, db: db as unknown as Db });
      if (res.statements > 0) {
        out.flushes++;
        out.statements += res.statements;
        out.flushMinutes.push(at / 60_000);
      }
    };
    let next = step;
    for (const b of day.batches) {
      while (b.at >= next) await flush((next += step) - step);
      const events = b.batch.events.map((e) => ({ eventId: e.id, guildId, type: e.type, payload: e.payload, receivedAt: new Date(e.receivedAt ?? b.at) }));
      ledger.count(events, b.at);
    }
    await flush(next);
    // Each journal row is deleted 48 h after its flush (outside this day): one more write per row.
    const journalRows = Number(local.query<{ n: number }>(`SELECT count(*) AS n FROM stats_journal`)[0]?.n ?? 0);
    out.doRowsWritten = local.rowsWritten + journalRows;
    for (const t of STATS_TABLES) {
      const { rows } = await client.query<{ n: string | null; c: number }>(`SELECT sum(pg_column_size(x.*))::text AS n, count(*)::int AS c FROM "${t}" x`);
      out.tableBytes[t] = 2 * Number(rows[0]?.n ?? 0);
      out.tableRows[t] = Number(rows[0]?.c ?? 0);
    }
    return out;
  } finally {
    local.close();
    await client.close();
  }
}
