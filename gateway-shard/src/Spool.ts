import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionInfo } from '@discordjs/ws';

/** One event about to enter the spool. */
export interface SpoolEvent {
  eventId: string;
  shardId: number;
  type: string;
  guildId: string | null;
  /** The dispatch `d` as JSON text (kept as text so a batch body is built without re-parsing). */
  payload: string;
  priority: boolean;
  receivedAt: number;
}

/** A spooled row handed to the batcher. */
export interface SpoolRow {
  id: number;
  eventId: string;
  type: string;
  guildId: string | null;
  payload: string;
  receivedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS session (
  shard_id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, sequence INTEGER NOT NULL,
  resume_url TEXT NOT NULL, shard_count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS spool (
  id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, shard_id INTEGER NOT NULL,
  session_id TEXT, seq INTEGER, guild_id TEXT, type TEXT NOT NULL, priority INTEGER NOT NULL,
  payload TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS spool_session_seq ON spool (session_id, seq);
CREATE INDEX IF NOT EXISTS spool_lane ON spool (priority, id);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;

/**
 * The durable spool (SQLite, WAL). A dispatch and the session sequence it advances are
 * written in one transaction, so after a crash the stored sequence never runs ahead of
 * the stored events: resuming from it makes Discord replay exactly what is missing.
 * Rows leave only through {@link ack} (the Worker holds them) or the bounds (logged).
 */
export class Spool {
  readonly db: Database.Database;
  #depth: number;
  readonly #insert: Database.Statement;
  readonly #saveSession: Database.Statement;
  readonly #take: Database.Statement;
  readonly #storeTx: (event: SpoolEvent, session: SessionInfo | null) => boolean;

  constructor(path: string, options: { synchronous?: 'NORMAL' | 'FULL'; cacheKb?: number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    // better-sqlite3 builds SQLite with a 16 MB page cache; the spool's working set is the
    // tail of one table, so 1 MB keeps the same write rate and 15 MB of RSS out of the shard.
    this.db.pragma(`cache_size = -${options.cacheKb ?? 1024}`);
    this.db.exec(SCHEMA);
    this.#depth = (this.db.prepare('SELECT count(*) AS n FROM spool').get() as { n: number }).n;
    this.#insert = this.db.prepare(
      `INSERT OR IGNORE INTO spool (event_id, shard_id, session_id, seq, guild_id, type, priority, payload, received_at)
       VALUES (@eventId, @shardId, @sessionId, @seq, @guildId, @type, @priority, @payload, @receivedAt)`,
    );
    this.#saveSession = this.db.prepare(
      `INSERT INTO session (shard_id, session_id, sequence, resume_url, shard_count)
       VALUES (@shardId, @sessionId, @sequence, @resumeURL, @shardCount)
       ON CONFLICT (shard_id) DO UPDATE SET session_id = excluded.session_id, sequence = excluded.sequence,
         resume_url = excluded.resume_url, shard_count = excluded.shard_count`,
    );
    this.#take = this.db.prepare(
      `SELECT id, event_id AS eventId, type, guild_id AS guildId, payload, received_at AS receivedAt
       FROM spool WHERE priority = ? AND id > ? ORDER BY id LIMIT ?`,
    );
    this.#storeTx = this.db.transaction((event: SpoolEvent, session: SessionInfo | null) => {
      const { changes } = this.#insert.run({
        ...event,
        priority: event.priority ? 1 : 0,
        sessionId: session?.sessionId ?? null,
        seq: session?.sequence ?? null,
      });
      if (session) this.#saveSession.run(session);
      return changes === 1;
    });
  }

  /** Rows waiting for an ack. */
  get depth(): number {
    return this.#depth;
  }

  /**
   * Stores a dispatch and, in the same transaction, the session at its sequence.
   * Returns false when the event was already spooled (same event id or session+seq).
   */
  store(event: SpoolEvent, session: SessionInfo | null): boolean {
    const added = this.#storeTx(event, session);
    if (added) this.#depth++;
    return added;
  }

  /** Saves (or with `null` forgets) a shard's session outside of any event. */
  saveSession(shardId: number, session: SessionInfo | null): void {
    if (session) this.#saveSession.run(session);
    else this.db.prepare('DELETE FROM session WHERE shard_id = ?').run(shardId);
  }

  /** The stored session of a shard, or null. */
  loadSession(shardId: number): SessionInfo | null {
    const row = this.db.prepare('SELECT * FROM session WHERE shard_id = ?').get(shardId) as
      | { shard_id: number; session_id: string; sequence: number; resume_url: string; shard_count: number }
      | undefined;
    return row
      ? { shardId: row.shard_id, sessionId: row.session_id, sequence: row.sequence, resumeURL: row.resume_url, shardCount: row.shard_count }
      : null;
  }

  /**
   * Lowest sequence of a session still waiting for an ack on a shard, or null: everything
   * before it is acknowledged (or was never needed), which is where another process may resume.
   */
  minUnackedSeq(shardId: number, sessionId: string): number | null {
    const row = this.db.prepare('SELECT min(seq) AS s FROM spool WHERE session_id = ? AND shard_id = ?').get(sessionId, shardId) as { s: number | null };
    return row.s;
  }

  /** Up to `limit` rows of one lane with id above `after`, oldest first. */
  take(lane: 'normal' | 'priority', after: number, limit: number): SpoolRow[] {
    return this.#take.all(lane === 'priority' ? 1 : 0, after, limit) as SpoolRow[];
  }

  /** Deletes acknowledged rows by row id; returns how many left. */
  ack(ids: number[]): number {
    if (ids.length === 0) return 0;
    const { changes } = this.db.prepare('DELETE FROM spool WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    this.#depth -= changes;
    return changes;
  }

  /**
   * Drops the oldest rows beyond `maxRows` and rows older than `maxAgeMs`. Returns the
   * dropped counts by event type so the caller can log and count them: never silent.
   */
  enforceBounds(maxRows: number, maxAgeMs: number, now = Date.now()): Record<string, number> {
    const dropped: Record<string, number> = {};
    const drop = (where: string, ...params: unknown[]) => {
      const rows = this.db.prepare(`SELECT type, count(*) AS n FROM spool WHERE ${where} GROUP BY type`).all(...params) as {
        type: string;
        n: number;
      }[];
      if (rows.length === 0) return;
      const { changes } = this.db.prepare(`DELETE FROM spool WHERE ${where}`).run(...params);
      this.#depth -= changes;
      for (const r of rows) dropped[r.type] = (dropped[r.type] ?? 0) + r.n;
    };
    this.db.transaction(() => {
      if (maxAgeMs > 0) drop('received_at < ?', now - maxAgeMs);
      const excess = this.#depth - maxRows;
      if (maxRows > 0 && excess > 0) drop('id IN (SELECT id FROM spool ORDER BY id LIMIT ?)', excess);
    })();
    return dropped;
  }

  /** Receive time of the oldest spooled row, or null when empty. */
  oldestReceivedAt(): number | null {
    const row = this.db.prepare('SELECT min(received_at) AS t FROM spool').get() as { t: number | null };
    return row.t;
  }

  /** Reads a persisted value (e.g. the last config from the Worker). */
  getValue<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  /** Persists a value. */
  setValue(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
