import type { LocalStore } from '../../../platform/LocalStore';
import type { KeptMessage } from '../events/messageEntries';

const TABLE = 'logging_slices';
/** A row covers at most this span of message times, so a lookup reads a bounded range of rows. */
export const SLICE_SPAN_MS = 10 * 60_000;
const DISCORD_EPOCH = 1_420_070_400_000;
let ready = new WeakSet<LocalStore>();

/** When a Discord id (snowflake) was made: its top 42 bits are ms since 2015. */
export const snowflakeMs = (id: string): number => Number(BigInt(id) >> 22n) + DISCORD_EPOCH;

/** A message version as a slice row holds it: `[id, authorId, authorName, content, version]` (its time is in its id). */
type Packed = [string, string, string, string, number];

/** A message version to keep: `version` orders versions of one message (its edit time; its own time when new). */
export type KeptVersion = KeptMessage & { id: string; version: number };

function ensure(local: LocalStore): void {
  if (ready.has(local)) return;
  // WITHOUT ROWID, keyed by the newest message time: a row written is one row billed (no index
  // beside it), lookups and pruning are ranges of the key. `first` (the first message id) and `v`
  // (the newest version held) make a slice delivered again replace its own row, and only it.
  local.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (hi INTEGER NOT NULL, first TEXT NOT NULL, v INTEGER NOT NULL, lo INTEGER NOT NULL, messages TEXT NOT NULL, PRIMARY KEY (hi, first, v)) WITHOUT ROWID`);
  ready.add(local);
}

/**
 * Message content (new messages and their edits) kept in the guild hub's SQLite, ONE ROW PER
 * DELIVERED SLICE (compact JSON of its message versions), not one per message or edit: Durable
 * Object SQLite bills rows written, and a busy server posts 50k messages a day. Found again by
 * message time (the id's timestamp) on an edit or a deletion, the newest version winning;
 * dropped once older than the retention.
 */
export const sliceStore = {
  /** Keeps a slice's message versions (split by {@link SLICE_SPAN_MS} of message time: normally one row). */
  keep(local: LocalStore, messages: KeptVersion[]): number {
    if (!messages.length) return 0;
    ensure(local);
    const sorted = messages.map((m) => ({ m, at: snowflakeMs(m.id) })).sort((a, b) => a.at - b.at);
    const rows: (typeof sorted)[] = [];
    for (const x of sorted) {
      const row = rows.at(-1);
      if (row && x.at - row[0]!.at < SLICE_SPAN_MS) row.push(x);
      else rows.push([x]);
    }
    for (const row of rows) {
      const packed: Packed[] = row.map(({ m }) => [m.id, m.authorId, m.authorName, m.content, m.version]);
      const v = Math.max(...row.map(({ m }) => m.version));
      local.query(`INSERT OR REPLACE INTO ${TABLE} (hi, first, v, lo, messages) VALUES (?, ?, ?, ?, ?)`, row.at(-1)!.at, row[0]!.m.id, v, row[0]!.at, JSON.stringify(packed));
    }
    return rows.length;
  },
  /** The newest kept version of each of `ids` not older than `since` (ms); reads only rows whose span may hold them. */
  get(local: LocalStore, ids: string[], since: number): Map<string, KeptMessage> {
    const out = new Map<string, KeptMessage>();
    const versions = new Map<string, number>();
    const wanted = new Map(ids.map((id) => [id, snowflakeMs(id)] as const).filter(([, at]) => at >= since));
    if (!wanted.size) return out;
    ensure(local);
    // Nearby ids share rows: one range read per cluster of message times.
    const times = [...new Set(wanted.values())].sort((a, b) => a - b);
    const ranges: [number, number][] = [];
    for (const t of times) {
      const last = ranges.at(-1);
      if (last && t - last[1] <= SLICE_SPAN_MS) last[1] = t;
      else ranges.push([t, t]);
    }
    for (const [from, to] of ranges) {
      const rows = local.query<{ messages: string }>(`SELECT messages FROM ${TABLE} WHERE hi >= ? AND hi < ? AND lo <= ?`, from, to + SLICE_SPAN_MS, to);
      for (const r of rows) {
        for (const [id, authorId, authorName, content, version] of JSON.parse(r.messages) as Packed[]) {
          if (!wanted.has(id) || (versions.get(id) ?? -1) > version) continue;
          versions.set(id, version);
          out.set(id, { authorId, authorName, content, createdAt: wanted.get(id)! });
        }
      }
    }
    return out;
  },
  /** The newest `limit` kept messages not older than `since` (ms), oldest first, each at its newest version. */
  recent(local: LocalStore, limit: number, since: number): (KeptMessage & { id: string })[] {
    ensure(local);
    const rows = local.query<{ messages: string }>(`SELECT messages FROM ${TABLE} WHERE hi >= ? ORDER BY hi DESC LIMIT ?`, since, Math.ceil(limit / 10) + 5);
    const newest = new Map<string, Packed>();
    for (const r of rows) {
      for (const p of JSON.parse(r.messages) as Packed[]) {
        const had = newest.get(p[0]);
        if (!had || had[4] < p[4]) newest.set(p[0], p);
      }
    }
    return [...newest.values()]
      .filter((p) => snowflakeMs(p[0]) >= since)
      .sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? 1 : -1))
      .slice(0, limit)
      .reverse()
      .map(([id, authorId, authorName, content]) => ({ id, authorId, authorName, content, createdAt: snowflakeMs(id) }));
  },
  /** Drops rows whose newest message is older than `before` (ms); returns whether rows remain. */
  prune(local: LocalStore, before: number): boolean {
    ensure(local);
    local.query(`DELETE FROM ${TABLE} WHERE hi < ?`, before);
    return local.query(`SELECT 1 FROM ${TABLE} LIMIT 1`).length > 0;
  },
  /** Drops everything (retention set to 0). */
  clear(local: LocalStore): void {
    ensure(local);
    local.query(`DELETE FROM ${TABLE}`);
  },
  /** Tests only: a new store instance is set up again. */
  reset(): void {
    ready = new WeakSet();
  },
};
