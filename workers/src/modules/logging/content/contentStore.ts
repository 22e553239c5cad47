import type { LocalStore } from '../../../platform/LocalStore';
import type { KeptMessage } from '../events/messageEntries';
import { sliceStore } from './sliceStore';

const TABLE = 'logging_messages';
/** One row: the retention in force, so the aligned flush (which has no config) prunes by it. */
const META = 'logging_meta';
let ready = new WeakSet<LocalStore>();
let retentionSeen = new WeakMap<LocalStore, number>();

function ensure(local: LocalStore): void {
  if (ready.has(local)) return;
  local.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id TEXT PRIMARY KEY, author_id TEXT NOT NULL, author_name TEXT NOT NULL, content TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`);
  local.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_expires ON ${TABLE} (expires_at)`);
  local.query(`CREATE TABLE IF NOT EXISTS ${META} (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`);
  ready.add(local);
}

/**
 * Message content kept in the guild hub's own SQLite (never Postgres), so edits and deletions
 * show what the message said: new messages in one row per delivered slice (`sliceStore`), edited
 * versions one row per edit (rarer; the latest wins). Nothing is returned past the retention.
 */
export const contentStore = {
  /** The kept messages among `ids`: their latest edit, else as created (not older than the retention). */
  get(local: LocalStore, ids: string[], now: number, retentionMs: number): Map<string, KeptMessage> {
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
    const rest = ids.filter((id) => !out.has(id));
    if (rest.length) for (const [id, m] of sliceStore.get(local, rest, now - retentionMs)) out.set(id, m);
    return out;
  },
  /** Keeps a delivered slice's new messages (one row for the slice). */
  keepCreated(local: LocalStore, messages: (KeptMessage & { id: string })[]): void {
    sliceStore.keep(local, messages);
  },
  /** Records the retention in force when it changed (a row written per change, not per batch). */
  setRetention(local: LocalStore, retentionMs: number): void {
    if (retentionSeen.get(local) === retentionMs) return;
    ensure(local);
    const stored = local.query<{ v: number }>(`SELECT v FROM ${META} WHERE k = 'retention'`)[0]?.v;
    if (stored !== retentionMs) local.query(`INSERT OR REPLACE INTO ${META} (k, v) VALUES ('retention', ?)`, retentionMs);
    retentionSeen.set(local, retentionMs);
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
  /**
   * Drops what is past its retention (`retentionMs`, else the one last recorded: the aligned
   * flush has no config); returns whether rows remain.
   */
  prune(local: LocalStore, now: number, retentionMs?: number): boolean {
    ensure(local);
    local.query(`DELETE FROM ${TABLE} WHERE expires_at <= ?`, now);
    const keep = retentionMs ?? local.query<{ v: number }>(`SELECT v FROM ${META} WHERE k = 'retention'`)[0]?.v ?? 0;
    const slices = sliceStore.prune(local, now - keep);
    return slices || local.query(`SELECT 1 FROM ${TABLE} LIMIT 1`).length > 0;
  },
  /** Drops everything (the module was turned off, or retention set to 0). */
  clear(local: LocalStore): void {
    ensure(local);
    local.query(`DELETE FROM ${TABLE}`);
    sliceStore.clear(local);
  },
  /** Tests only: a new store instance is set up again. */
  reset(): void {
    ready = new WeakSet();
    retentionSeen = new WeakMap();
    sliceStore.reset();
  },
};
