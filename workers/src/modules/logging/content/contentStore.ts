import type { LocalStore } from '../../../platform/LocalStore';
import type { KeptMessage } from '../events/messageEntries';
import { sliceStore, type KeptVersion } from './sliceStore';

/** One row: the retention in force, so the aligned flush (which has no config) prunes by it. */
const META = 'logging_meta';
let ready = new WeakSet<LocalStore>();
let retentionSeen = new WeakMap<LocalStore, number>();

function ensure(local: LocalStore): void {
  if (ready.has(local)) return;
  local.query(`CREATE TABLE IF NOT EXISTS ${META} (k TEXT PRIMARY KEY, v INTEGER NOT NULL)`);
  // The first design's table (a row per edited message, plus an index): gone.
  local.query('DROP TABLE IF EXISTS logging_messages');
  ready.add(local);
}

/**
 * Message content kept in the guild hub's own SQLite (never Postgres), so edits and deletions
 * show what the message said: new messages and their edits in one row per delivered slice
 * (`sliceStore`), for the retention counted from the message's time. A deleted message is not
 * rewritten out of its row (that would be a row written per deletion): it goes with its row.
 */
export const contentStore = {
  /** The newest kept version of each of `ids` (nothing older than the retention). */
  get(local: LocalStore, ids: string[], now: number, retentionMs: number): Map<string, KeptMessage> {
    return sliceStore.get(local, ids, now - retentionMs);
  },
  /** Keeps a delivered slice's message versions (new messages and edits): one row for the slice. */
  keep(local: LocalStore, versions: KeptVersion[]): void {
    sliceStore.keep(local, versions);
  },
  /** Records the retention in force when it changed (a row written per change, not per batch). */
  setRetention(local: LocalStore, retentionMs: number): void {
    if (retentionSeen.get(local) === retentionMs) return;
    ensure(local);
    const stored = local.query<{ v: number }>(`SELECT v FROM ${META} WHERE k = 'retention'`)[0]?.v;
    if (stored !== retentionMs) local.query(`INSERT OR REPLACE INTO ${META} (k, v) VALUES ('retention', ?)`, retentionMs);
    retentionSeen.set(local, retentionMs);
  },
  /**
   * Drops what is past its retention (`retentionMs`, else the one last recorded: the aligned
   * flush has no config); returns whether rows remain.
   */
  prune(local: LocalStore, now: number, retentionMs?: number): boolean {
    ensure(local);
    const keep = retentionMs ?? local.query<{ v: number }>(`SELECT v FROM ${META} WHERE k = 'retention'`)[0]?.v ?? 0;
    return sliceStore.prune(local, now - keep);
  },
  /** The newest `limit` messages still kept (within the retention last recorded), oldest first: Automod's rule tester. */
  recent(local: LocalStore, now: number, limit: number): (KeptMessage & { id: string })[] {
    ensure(local);
    const keep = local.query<{ v: number }>(`SELECT v FROM ${META} WHERE k = 'retention'`)[0]?.v ?? 0;
    return keep > 0 ? sliceStore.recent(local, limit, now - keep) : [];
  },
  /** Drops everything (retention set to 0). */
  clear(local: LocalStore): void {
    sliceStore.clear(local);
  },
  /** Tests only: a new store instance is set up again. */
  reset(): void {
    ready = new WeakSet();
    retentionSeen = new WeakMap();
    sliceStore.reset();
  },
};
