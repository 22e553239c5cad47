import type { SqlExec } from '../../lib/sql/SqlExec';
import { countUsage } from '../../lib/usage';

/** One claim asked for: an effect of an event, and when the event was received (ms; bounds where an earlier claim can be). */
export interface ClaimKey {
  eventId: string;
  key: string;
  at?: number;
}

/** Where `once` claims live: the guild hub's own SQLite (one hub per guild, single-threaded). */
export interface ClaimStore {
  /** Claims every `(eventId, key)` not claimed yet; returns the ones won, as `eventId + '\u0000' + key`. */
  claim(keys: ClaimKey[]): Promise<Set<string>>;
  /** Releases a claim whose effect failed, so a retry may run it. */
  release(eventId: string, key: string): Promise<void>;
  /** Which of `keys` are claimed already (nothing written), as `eventId + '\u0000' + key`. */
  taken(keys: ClaimKey[]): Promise<Set<string>>;
}

/** How long a claim is kept: longer than any retry or dead-letter retry an admin would make. */
export const CLAIM_TTL_MS = 30 * 24 * 3_600_000;

const DAY_MS = 86_400_000;
const TTL_DAYS = CLAIM_TTL_MS / DAY_MS;
/** A day's claims are split in rows of about this many characters (a round rewrites only the newest). */
const PART_CHARS = 64_000;

const id = (eventId: string, key: string) => `${eventId}\u0000${key}`;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** One stored row: a day's part, its claims. */
type Part = { part: number; ids: Set<string>; chars: number };

/**
 * {@link ClaimStore} on the hub's SQLite, billed by rows written (Workers Free: 100,000 a day,
 * deletes included): a claim round (every claim asked at the same time, `ClaimRounds`) is ONE
 * row written, whatever its number of claims: the claims of a UTC day are kept in a few rows
 * (`claim_days`, `(day, part)`, their ids as a JSON array), the newest of which each round
 * rewrites; expired days go as whole rows (about one deletion a day instead of one per claim).
 * A claim is looked up from the day its event was received (a day earlier for clock skew) to
 * today, so a usual round reads today's rows only (kept in memory). Claims of the older table
 * (`claims`, a row per claim) are still honoured until they expire.
 */
export class SqlClaimStore implements ClaimStore {
  #ready = false;
  #legacy = false;
  /** Loaded days: their parts (oldest first). */
  readonly #days = new Map<number, Part[]>();

  constructor(private readonly sql: SqlExec, private readonly now: () => number = Date.now) {}

  #init(): void {
    if (this.#ready) return;
    this.sql.exec('CREATE TABLE IF NOT EXISTS claim_days (day INTEGER NOT NULL, part INTEGER NOT NULL, ids TEXT NOT NULL, PRIMARY KEY (day, part)) WITHOUT ROWID');
    this.#legacy = this.sql.exec(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'claims'`).toArray().length > 0;
    this.#ready = true;
  }

  #day(day: number): Part[] {
    let parts = this.#days.get(day);
    if (!parts) {
      parts = this.sql.exec<{ part: number; ids: string }>('SELECT part, ids FROM claim_days WHERE day = ? ORDER BY part', day).toArray()
        .map((r) => ({ part: r.part, ids: new Set(JSON.parse(r.ids) as string[]), chars: r.ids.length }));
      this.#days.set(day, parts);
    }
    return parts;
  }

  #claimed(k: ClaimKey, today: number): boolean {
    const from = Math.max(today - TTL_DAYS, Math.min(today, dayOf(k.at ?? this.now() - CLAIM_TTL_MS)) - 1);
    for (let d = today; d >= from; d--) if (this.#day(d).some((p) => p.ids.has(id(k.eventId, k.key)))) return true;
    return this.#legacy && this.sql.exec('SELECT 1 FROM claims WHERE event_id = ? AND effect_key = ?', k.eventId, k.key).toArray().length > 0;
  }

  #write(day: number, p: Part): void {
    const ids = JSON.stringify([...p.ids]);
    p.chars = ids.length;
    this.sql.exec('INSERT INTO claim_days (day, part, ids) VALUES (?, ?, ?) ON CONFLICT (day, part) DO UPDATE SET ids = excluded.ids', day, p.part, ids);
  }

  async claim(keys: ClaimKey[]): Promise<Set<string>> {
    this.#init();
    const today = dayOf(this.now());
    const won = new Set<string>();
    for (const k of keys) {
      const claim = id(k.eventId, k.key);
      if (!won.has(claim) && !this.#claimed(k, today)) won.add(claim);
    }
    if (won.size === 0) return won;
    const parts = this.#day(today);
    let last = parts.at(-1);
    if (!last || last.chars > PART_CHARS) {
      parts.push((last = { part: (last?.part ?? -1) + 1, ids: new Set(), chars: 0 }));
      countUsage('claimsWritten');
    }
    for (const claim of won) last.ids.add(claim);
    try {
      this.#write(today, last);
    } catch (err) {
      for (const claim of won) last.ids.delete(claim);
      throw err;
    }
    return won;
  }

  async taken(keys: ClaimKey[]): Promise<Set<string>> {
    this.#init();
    const today = dayOf(this.now());
    return new Set(keys.filter((k) => this.#claimed(k, today)).map((k) => id(k.eventId, k.key)));
  }

  async release(eventId: string, key: string): Promise<void> {
    this.#init();
    const claim = id(eventId, key);
    for (const [day, parts] of this.#days) {
      for (const p of parts) {
        if (!p.ids.delete(claim)) continue;
        this.#write(day, p);
        return;
      }
    }
    if (this.#legacy) this.sql.exec('DELETE FROM claims WHERE event_id = ? AND effect_key = ?', eventId, key);
  }

  /** Deletes claims past their TTL (whole days); returns the rows deleted. The caller runs it about once a day. */
  prune(): number {
    this.#init();
    const oldest = dayOf(this.now()) - TTL_DAYS;
    for (const day of this.#days.keys()) if (day < oldest) this.#days.delete(day);
    let n = this.sql.exec('DELETE FROM claim_days WHERE day < ?', oldest).rowsWritten;
    if (this.#legacy) {
      n += this.sql.exec('DELETE FROM claims WHERE claimed_at < ?', this.now() - CLAIM_TTL_MS).rowsWritten;
      if (this.sql.exec('SELECT 1 FROM claims LIMIT 1').toArray().length === 0) {
        this.sql.exec('DROP TABLE claims');
        this.#legacy = false;
      }
    }
    return n;
  }
}
