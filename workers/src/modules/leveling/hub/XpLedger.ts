import type { LocalStore } from '../../../platform/LocalStore';
import { fromTuple, toTuple, XpState, type MemberXp, type MemberXpTuple, type XpGain } from './XpState';
import { LEVELING_SEEN_MS, levelingLocalSchema } from './levelingLocalSchema';

/** Per member: `[xp, messages, voice minutes]` added since the last flush. */
export type XpDeltas = Record<string, [number, number, number]>;

/** A member's level went from `from` to `to` (up, or down after a take/reset). */
export interface LevelChange {
  userId: string;
  from: number;
  to: number;
  xp: number;
  /** The channel of the message that caused it (announcements "in the channel of the message"). */
  channelId: string | null;
  /** The member's roles when known from the event (spares a Discord read). */
  roles: string[] | null;
}

/** One flush generation's deltas, with the id that makes its Postgres upsert idempotent. */
export interface PendingXp {
  gen: number;
  flushId: string;
  deltas: XpDeltas;
}

/** What one counted batch did. */
export interface XpBatchResult {
  fresh: number;
  seen: number;
  stale: number;
  changes: LevelChange[];
}

/** What the batch's rules produced (the ledger journals it). */
export interface XpRun {
  gains: XpGain[];
  changes: LevelChange[];
}

const CLOCK_SKEW_MS = 10 * 60_000;
const MAX_ROW_IDS = 20_000;
const SNAPSHOT_CHUNK = 2_000;

interface Row { at: number; gen: number; ids: string[]; deltas: XpDeltas; states: Record<string, MemberXpTuple>; changes: LevelChange[] }

const ledgers = new WeakMap<LocalStore, XpLedger>();

/**
 * Leveling's counts in the guild hub: the members' state in memory (rebuilt from the snapshot
 * and the journal rows after it), one journal row per batch (merged into its generation's
 * newest row: one row written per batch), exactly once per event id, grouped in flush
 * generations like Stats: a flush seals the open one, sends it with a flush id and marks it
 * flushed only after Postgres committed.
 */
export class XpLedger {
  #state: XpState | undefined;
  #meta: Record<string, string> | undefined;
  #last: Row | null | undefined;

  private constructor(private readonly local: LocalStore) {}

  /** The ledger of a hub's store (one per store: its memory is shared by the hub's requests). */
  static of(local: LocalStore): XpLedger {
    levelingLocalSchema(local);
    return ledgers.get(local) ?? ledgers.set(local, new XpLedger(local)).get(local)!;
  }

  get #m(): Record<string, string> {
    if (this.#meta) return this.#meta;
    const m = Object.fromEntries(this.local.query<{ k: string; v: string }>(`SELECT k, v FROM leveling_meta`).map((r) => [r.k, r.v]));
    if (!m.nonce) {
      Object.assign(m, { nonce: crypto.randomUUID().slice(0, 8), open: '1', flushed: '0', snapAt: '0' });
      this.local.query(`INSERT INTO leveling_meta (k, v) VALUES ('nonce', ?), ('open', '1'), ('flushed', '0'), ('snapAt', '0')`, m.nonce!);
    }
    return (this.#meta = m);
  }

  #setMeta(k: string, v: string): void {
    this.local.query(`INSERT INTO leveling_meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, k, v);
    this.#m[k] = v;
  }

  /** The members' state: the snapshot, then the journal rows written after it. */
  get state(): XpState {
    if (this.#state) return this.#state;
    const snapAt = Number(this.#m.snapAt);
    const state = new XpState();
    for (const { data } of this.local.query<{ data: string }>(`SELECT data FROM leveling_snapshot ORDER BY chunk`)) {
      state.load(Object.entries(JSON.parse(data) as Record<string, MemberXpTuple>).map(([id, t]) => [id, fromTuple(t)]));
    }
    for (const { states } of this.local.query<{ states: string }>(`SELECT states FROM leveling_journal WHERE at > ? ORDER BY at`, snapAt)) {
      state.load(Object.entries(JSON.parse(states) as Record<string, MemberXpTuple>).map(([id, t]) => [id, fromTuple(t)]));
    }
    return (this.#state = state);
  }

  /** True once this store holds the guild's state (else the first batch takes it from Postgres). */
  isSeeded(): boolean {
    return this.#m.seeded === '1';
  }

  /** Takes the guild's totals from Postgres into a new store (one snapshot write). */
  seed(rows: { userId: string; xp: number; msgs: number; voiceMin: number }[]): void {
    const state = this.state;
    state.load(rows.map((r): [string, MemberXp] => [r.userId, { ...state.get(r.userId), xp: r.xp, msgs: r.msgs, voiceMin: r.voiceMin }]));
    this.local.transaction(() => {
      this.#writeSnapshot();
      this.#setMeta('seeded', '1');
    });
  }

  /**
   * Counts a batch: drops the event ids already journaled (a re-delivery counts nothing) and
   * those older than the window, runs `rules` on the fresh ones against the state, and journals
   * the result in ONE row. If the write fails, the memory is rebuilt from storage.
   */
  count<E extends { eventId: string; at: number }>(events: readonly E[], rules: (fresh: E[], state: XpState) => XpRun, now = Date.now()): XpBatchResult {
    const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
    if (unique.length === 0) return { fresh: 0, seen: 0, stale: 0, changes: [] };
    const recent = unique.filter((e) => e.at >= now - LEVELING_SEEN_MS);
    const seen = new Set<string>();
    const since = Math.min(...recent.map((e) => e.at)) - CLOCK_SKEW_MS;
    if (recent.length > 0) for (const { ids } of this.local.query<{ ids: string }>(`SELECT ids FROM leveling_journal WHERE at >= ?`, since)) for (const id of JSON.parse(ids) as string[]) seen.add(id);
    const fresh = recent.filter((e) => !seen.has(e.eventId));
    const result = { fresh: fresh.length, seen: recent.length - fresh.length, stale: unique.length - recent.length, changes: [] as LevelChange[] };
    if (fresh.length === 0) return result;
    const state = this.state;
    try {
      const run = rules(fresh, state);
      const deltas: XpDeltas = {};
      for (const g of run.gains) {
        const d = (deltas[g.userId] ??= [0, 0, 0]);
        d[0] += g.xp; d[1] += g.msgs; d[2] += g.voiceMin;
      }
      const states: Record<string, MemberXpTuple> = {};
      for (const id of Object.keys(deltas)) states[id] = toTuple(state.get(id));
      // Voice moves change a member's state without XP: their state is journaled too.
      for (const e of fresh as unknown as { userId?: string }[]) if (e.userId && !states[e.userId] && state.members.has(e.userId)) states[e.userId] = toTuple(state.get(e.userId));
      this.#journal(fresh.map((e) => e.eventId), deltas, states, run.changes, Math.max(now, ...fresh.map((e) => e.at)));
      result.changes = run.changes;
      return result;
    } catch (err) {
      this.#state = undefined;
      this.#last = undefined;
      throw err;
    }
  }

  #journal(ids: string[], deltas: XpDeltas, states: Record<string, MemberXpTuple>, changes: LevelChange[], stamp: number): void {
    const open = Number(this.#m.open);
    const last = this.#lastRow();
    // Stamped no earlier than its newest event and after the previous row (the time is the key).
    const at = Math.max(stamp, (last?.at ?? 0) + 1);
    if (last && last.gen === open && last.ids.length + ids.length <= MAX_ROW_IDS) {
      const merged: Row = { at, gen: open, ids: [...last.ids, ...ids], deltas: addDeltas(structuredClone(last.deltas), deltas), states: { ...last.states, ...states }, changes: [...last.changes, ...changes].slice(-500) };
      this.local.query(`UPDATE leveling_journal SET at = ?, ids = ?, deltas = ?, states = ?, changes = ? WHERE at = ?`, at, JSON.stringify(merged.ids), JSON.stringify(merged.deltas), JSON.stringify(merged.states), JSON.stringify(merged.changes), last.at);
      this.#last = merged;
    } else {
      this.local.query(`INSERT INTO leveling_journal (at, gen, ids, deltas, states, changes) VALUES (?, ?, ?, ?, ?, ?)`, at, open, JSON.stringify(ids), JSON.stringify(deltas), JSON.stringify(states), JSON.stringify(changes));
      this.#last = { at, gen: open, ids, deltas, states, changes };
    }
  }

  #lastRow(): Row | null {
    if (this.#last !== undefined) return this.#last;
    const [r] = this.local.query<{ at: number; gen: number; ids: string; deltas: string; states: string; changes: string }>(`SELECT * FROM leveling_journal ORDER BY at DESC LIMIT 1`);
    return (this.#last = r ? { at: r.at, gen: r.gen, ids: JSON.parse(r.ids), deltas: JSON.parse(r.deltas), states: JSON.parse(r.states), changes: JSON.parse(r.changes) } : null);
  }

  /** Every generation Postgres does not have yet, oldest first. */
  pending(): PendingXp[] {
    const byGen = new Map<number, XpDeltas>();
    for (const r of this.local.query<{ gen: number; deltas: string }>(`SELECT gen, deltas FROM leveling_journal WHERE gen > ? ORDER BY at`, Number(this.#m.flushed))) {
      byGen.set(r.gen, addDeltas(byGen.get(r.gen) ?? {}, JSON.parse(r.deltas) as XpDeltas));
    }
    return [...byGen].map(([gen, deltas]) => ({ gen, flushId: `${this.#m.nonce}:${gen}`, deltas })).filter((p) => Object.keys(p.deltas).length > 0 || p.gen < Number(this.#m.open));
  }

  /** The oldest generation to send (the open one is sealed now: new counts go to the next). */
  nextToFlush(): PendingXp | null {
    const [first] = this.pending();
    if (!first) return null;
    if (first.gen === Number(this.#m.open)) this.#setMeta('open', String(first.gen + 1));
    return first;
  }

  /**
   * Records that Postgres committed `gen`, writes the snapshot (so the hub restarts from it)
   * and prunes the journal rows the window and the snapshot no longer need.
   */
  markFlushed(gen: number, now = Date.now()): void {
    if (gen <= Number(this.#m.flushed)) return;
    this.local.transaction(() => {
      this.#setMeta('flushed', String(gen));
      this.#writeSnapshot();
      this.local.query(`DELETE FROM leveling_journal WHERE at < ? AND gen <= ? AND at <= ?`, now - LEVELING_SEEN_MS, gen, Number(this.#m.snapAt));
    });
    this.#last = undefined;
  }

  /** Every member's state in chunks, stamped with the newest journal row it includes. */
  #writeSnapshot(): void {
    const entries = [...this.state.members].map(([id, m]) => [id, toTuple(m)] as const);
    let chunk = 0;
    for (; chunk * SNAPSHOT_CHUNK < entries.length; chunk++) {
      const data = JSON.stringify(Object.fromEntries(entries.slice(chunk * SNAPSHOT_CHUNK, (chunk + 1) * SNAPSHOT_CHUNK)));
      this.local.query(`INSERT INTO leveling_snapshot (chunk, data) VALUES (?, ?) ON CONFLICT (chunk) DO UPDATE SET data = excluded.data`, chunk, data);
    }
    this.local.query(`DELETE FROM leveling_snapshot WHERE chunk >= ?`, chunk);
    this.#setMeta('snapAt', String(this.#lastRow()?.at ?? 0));
  }

  /** The level changes journaled since `since` (the dashboard's recent level-ups). */
  recentChanges(): LevelChange[] {
    return this.#lastRow()?.changes ?? [];
  }
}

function addDeltas(into: XpDeltas, d: XpDeltas): XpDeltas {
  for (const [id, [x, m, v]] of Object.entries(d)) {
    const t = (into[id] ??= [0, 0, 0]);
    t[0] += x; t[1] += m; t[2] += v;
  }
  return into;
}
