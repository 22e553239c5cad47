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
 * The inbox's SQLite tables (idempotent; run when the object starts). `seq` is the arrival
 * order, which delivery keeps per guild; `event_id` is the shard's idempotency key.
 */
export const INBOX_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, seen_at INTEGER NOT NULL) WITHOUT ROWID',
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
