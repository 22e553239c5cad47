import type { LocalStore } from '../../../platform/LocalStore';
import type { KeptMessage } from '../events/messageEntries';

const TABLE = 'logging_messages';
let ready = new WeakSet<LocalStore>();

function ensure(local: LocalStore): void {
  if (ready.has(local)) return;
  local.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id TEXT PRIMARY KEY, author_id TEXT NOT NULL, author_name TEXT NOT NULL, content TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`);
  local.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_expires ON ${TABLE} (expires_at)`);
  ready.add(local);
}

/**
 * Message content kept in the guild hub's own SQLite (never Postgres), so edits and deletions
 * show what the message said; each row expires after the configured retention.
 */
export const contentStore = {
  /** The kept messages among `ids` (expired ones are not returned). */
  get(local: LocalStore, ids: string[], now: number): Map<string, KeptMessage> {
    ensure(local);
    const out = new Map<string, KeptMessage>();
    for (let i = 0; i < ids.length; i += 90) {
      const part = ids.slice(i, i + 90);
      const rows = local.query<{ id: string; author_id: string; author_name: string; content: string; created_at: number }>(
        `SELECT id, author_id, author_name, content, created_at FROM ${TABLE} WHERE expires_at > ? AND id IN (${part.map(() => '?').join(',')})`,
        now,
        ...part,
      );
      for (const r of rows) out.set(r.id, { authorId: r.author_id, authorName: r.author_name, content: r.content, createdAt: r.created_at });
    }
    return out;
  },
  /** Keeps (or replaces) messages' content until `expiresAt`. */
  keep(local: LocalStore, rows: (KeptMessage & { id: string })[], expiresAt: number): void {
    if (!rows.length) return;
    ensure(local);
    local.transaction(() => {
      for (const r of rows) {
        local.query(`INSERT OR REPLACE INTO ${TABLE} (id, author_id, author_name, content, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`, r.id, r.authorId, r.authorName, r.content, r.createdAt, expiresAt);
      }
    });
  },
  /** Forgets messages (deleted: their entry is logged, nothing more to keep). */
  forget(local: LocalStore, ids: string[]): void {
    if (!ids.length) return;
    ensure(local);
    for (let i = 0; i < ids.length; i += 90) {
      const part = ids.slice(i, i + 90);
      local.query(`DELETE FROM ${TABLE} WHERE id IN (${part.map(() => '?').join(',')})`, ...part);
    }
  },
  /** Drops what is past its retention; returns whether rows remain. */
  prune(local: LocalStore, now: number): boolean {
    ensure(local);
    local.query(`DELETE FROM ${TABLE} WHERE expires_at <= ?`, now);
    return local.query<{ n: number }>(`SELECT count(*) AS n FROM ${TABLE}`)[0]!.n > 0;
  },
  /** Drops everything (the module was turned off, or retention set to 0). */
  clear(local: LocalStore): void {
    ensure(local);
    local.query(`DELETE FROM ${TABLE}`);
  },
  /** Tests only: a new store instance is set up again. */
  reset(): void {
    ready = new WeakSet();
  },
};
