import type { LocalStore } from '../../../platform/LocalStore';

/**
 * Stats' tables in the guild hub's SQLite (one hub per guild, so no guild column):
 * - `stats_journal`: the counted batches, keyed by time (the rowid: no index to write): the
 *   event ids counted (idempotency) and their deltas, tagged with the flush generation they
 *   belong to. A batch is merged into its generation's newest row (restamped), so a row is
 *   written per batch and deleted per generation, not per batch (the Free plan allows 100,000
 *   DO rows written a day, deletes included). Kept {@link SEEN_WINDOW_MS} after the flush, so a
 *   late re-delivery is recognized.
 *   The row also holds the batch's voice changes (`voice`), so they cost no row of their own.
 * - `stats_voice`: written by older versions (a row per member); still read, never written.
 * - `stats_meta`: the open generation, the last flushed one, this store's nonce (flush ids stay
 *   unique if a hub's storage is ever reset), the last retention day, the voice carry (each
 *   member's latest change from pruned journal rows while it left them in a channel).
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS stats_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS stats_journal (at INTEGER PRIMARY KEY, gen INTEGER NOT NULL, ids TEXT NOT NULL, deltas TEXT NOT NULL, voice TEXT)`,
  `CREATE TABLE IF NOT EXISTS stats_voice (user_id TEXT PRIMARY KEY, changes TEXT NOT NULL) WITHOUT ROWID`,
];

/** How long counted event ids are remembered (and older events refused): re-deliveries come within it. */
export const SEEN_WINDOW_MS = 48 * 3_600_000;

const ready = new WeakSet<LocalStore>();

/** Creates the tables once per store (idempotent). */
export function statsLocalSchema(local: LocalStore): void {
  if (ready.has(local)) return;
  for (const ddl of DDL) local.query(ddl);
  // Journals made before voice changes moved into them get the column (empty for their rows).
  if (local.query<{ n: number }>(`SELECT count(*) AS n FROM pragma_table_info('stats_journal') WHERE name = 'voice'`)[0]?.n === 0) {
    local.query(`ALTER TABLE stats_journal ADD COLUMN voice TEXT`);
  }
  ready.add(local);
}
