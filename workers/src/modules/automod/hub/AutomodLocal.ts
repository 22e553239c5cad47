import type { LocalStore } from '../../../platform/LocalStore';
import { MemberWindows, type WindowData } from '../rules/MemberWindows';
import { calmRaidState, type RaidState } from '../rules/RaidState';

const TABLE = 'automod_state';
/** The windows are written at most this often: a row per batch would bill a row per batch of chatter. */
export const WINDOWS_SAVE_MS = 15_000;

const hubs = new WeakMap<LocalStore, AutomodLocal>();

/**
 * Automod's state in the guild hub: the members' message windows and raid mode, in memory
 * while the hub lives, kept in its SQLite (`automod_state`, two rows) so an evicted hub
 * resumes them. Raid mode is written on every change (rare); the windows at most every
 * {@link WINDOWS_SAVE_MS} (a hub evicted in between forgets a few seconds of counting).
 */
export class AutomodLocal {
  readonly windows: MemberWindows;
  raid: RaidState;
  #savedAt = 0;

  private constructor(private readonly local: LocalStore) {
    local.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (k TEXT PRIMARY KEY, v TEXT NOT NULL)`);
    const rows = new Map(local.query<{ k: string; v: string }>(`SELECT k, v FROM ${TABLE}`).map((r) => [r.k, r.v]));
    this.windows = new MemberWindows(rows.has('windows') ? (JSON.parse(rows.get('windows')!) as WindowData) : {});
    this.raid = rows.has('raid') ? { ...calmRaidState(), ...(JSON.parse(rows.get('raid')!) as RaidState) } : calmRaidState();
  }

  /** The state of this hub's storage (one instance per store). */
  static of(local: LocalStore): AutomodLocal {
    let s = hubs.get(local);
    if (!s) hubs.set(local, (s = new AutomodLocal(local)));
    return s;
  }

  /** Writes the windows when the last write is old enough (or `force`). */
  saveWindows(now: number, force = false): void {
    if (!force && now - this.#savedAt < WINDOWS_SAVE_MS) return;
    this.windows.prune(now);
    this.local.query(`INSERT OR REPLACE INTO ${TABLE} (k, v) VALUES ('windows', ?)`, JSON.stringify(this.windows.data));
    this.#savedAt = now;
  }

  /** Writes raid mode (after each change). */
  saveRaid(): void {
    this.local.query(`INSERT OR REPLACE INTO ${TABLE} (k, v) VALUES ('raid', ?)`, JSON.stringify(this.raid));
  }
}
