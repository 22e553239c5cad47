import type { LocalStore } from '../../../platform/LocalStore';

/**
 * Leveling's tables in the guild hub's SQLite (one hub per guild, so no guild column). The Free
 * plan bills every row written, so a batch costs ONE row, whatever its size:
 * - `leveling_journal`: the counted batches, keyed by time (the rowid: no index to write): the
 *   event ids (idempotency), the batch's XP deltas for Postgres, the latest state of the
 *   members it touched and the level changes it caused (their claim: effects run once). A batch
 *   is merged into its generation's newest row (restamped), so a generation is a row.
 * - `leveling_snapshot`: every member's state at the time `snapAt` (meta), in chunks, written at
 *   each flush; with the journal rows after it, it rebuilds the state when the hub restarts.
 * - `leveling_meta`: open and flushed generations, this store's nonce, `snapAt`, `loaded` (the
 *   state was taken from Postgres once, for a hub whose storage is new).
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS leveling_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS leveling_journal (at INTEGER PRIMARY KEY, gen INTEGER NOT NULL, ids TEXT NOT NULL, deltas TEXT NOT NULL, states TEXT NOT NULL, changes TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS leveling_snapshot (chunk INTEGER PRIMARY KEY, data TEXT NOT NULL)`,
];

/** How long counted event ids are remembered (and older events refused). */
export const LEVELING_SEEN_MS = 48 * 3_600_000;

const ready = new WeakSet<LocalStore>();

/** Creates the tables once per store (idempotent). */
export function levelingLocalSchema(local: LocalStore): void {
  if (ready.has(local)) return;
  for (const ddl of DDL) local.query(ddl);
  ready.add(local);
}
