/** Where an inbox event stands. */
export const State = {
  /** Stored, not delivered yet (or to retry). */
  Pending: 0,
  /** Delivered: kept until the retention ends, for de-duplication. */
  Done: 1,
  /** Set aside and written to the dead-letter store. */
  Dead: 2,
  /** Set aside, not written to the dead-letter store yet. */
  DeadUnwritten: 3,
} as const;

/**
 * The inbox's SQLite tables (idempotent; run when the object starts). Durable Object SQLite
 * bills every row written, index entries included (Workers Free: 100,000 a day), so the
 * common path writes whole batches: `batches` (one row per accepted request, no secondary
 * index: its nonce, the ids it held, its new events as one JSON text) and a delivery cursor
 * in `meta` — two rows written per batch: the batch's row (an UPDATE of the oldest row once
 * that one is delivered and past the retention, so no prune row for it) and the cursor.
 * `batches.seq` is given by the inbox, not AUTOINCREMENT, whose `sqlite_sequence` update would
 * be one more billed row. `events` holds, one
 * row each, only events that need their own life: a guild's events after a failed delivery
 * (retried with backoff, in order), dead letters, redeliveries. `seq` is the arrival order.
 */
export const INBOX_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS batches (seq INTEGER PRIMARY KEY, nonce TEXT NOT NULL, at INTEGER NOT NULL, n INTEGER NOT NULL, ids TEXT NOT NULL, events TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID',
  `CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    guild_id TEXT,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    state INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    done_at INTEGER
  )`,
  'CREATE INDEX IF NOT EXISTS events_pending ON events (state, guild_id, seq)',
  'CREATE INDEX IF NOT EXISTS events_done ON events (state, done_at)',
  'CREATE TABLE IF NOT EXISTS backoff (guild_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL, cap INTEGER NOT NULL, next_at INTEGER NOT NULL) WITHOUT ROWID',
];
