import type { SqlExec } from '../../lib/sql/SqlExec';
import { countUsage } from '../../lib/usage';

/** Where `once` claims live: the guild hub's own SQLite (one hub per guild, single-threaded). */
export interface ClaimStore {
  /** Claims every `(eventId, key)` not claimed yet; returns the ones won, as `eventId + '\u0000' + key`. */
  claim(keys: { eventId: string; key: string }[]): Promise<Set<string>>;
  /** Releases a claim whose effect failed, so a retry may run it. */
  release(eventId: string, key: string): Promise<void>;
}

/** How long a claim is kept: longer than any retry or dead-letter retry an admin would make. */
export const CLAIM_TTL_MS = 30 * 24 * 3_600_000;

/**
 * {@link ClaimStore} on a SQLite table of the hub (`claims`, created on first use). The hub is
 * the only writer for its guild, so a plain insert-or-ignore is the whole protocol; nothing
 * leaves the Durable Object. Claims older than {@link CLAIM_TTL_MS} are pruned by {@link prune}.
 */
export class SqlClaimStore implements ClaimStore {
  #ready = false;

  constructor(private readonly sql: SqlExec, private readonly now: () => number = Date.now) {}

  #init(): void {
    if (this.#ready) return;
    this.sql.exec('CREATE TABLE IF NOT EXISTS claims (event_id TEXT NOT NULL, effect_key TEXT NOT NULL, claimed_at INTEGER NOT NULL, PRIMARY KEY (event_id, effect_key)) WITHOUT ROWID');
    // No index on the age: each index entry is one more billed row written per claim; the
    // prune's scan (once a day) reads the table instead.
    this.sql.exec('DROP INDEX IF EXISTS claims_age');
    this.#ready = true;
  }

  async claim(keys: { eventId: string; key: string }[]): Promise<Set<string>> {
    this.#init();
    const now = this.now();
    return this.sql.transaction(() => {
      const won = new Set<string>();
      for (const { eventId, key } of keys) {
        const id = `${eventId}\u0000${key}`;
        if (won.has(id)) continue;
        if (this.sql.exec('INSERT OR IGNORE INTO claims (event_id, effect_key, claimed_at) VALUES (?, ?, ?)', eventId, key, now).rowsWritten > 0) won.add(id);
      }
      if (won.size > 0) countUsage('claimsWritten', won.size);
      return won;
    });
  }

  async release(eventId: string, key: string): Promise<void> {
    this.#init();
    this.sql.exec('DELETE FROM claims WHERE event_id = ? AND effect_key = ?', eventId, key);
  }

  /** Deletes claims past their TTL; returns how many. The caller runs it about once a day. */
  prune(): number {
    this.#init();
    return this.sql.exec('DELETE FROM claims WHERE claimed_at < ?', this.now() - CLAIM_TTL_MS).rowsWritten;
  }
}
