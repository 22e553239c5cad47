import type { LocalStore } from '../../../platform/LocalStore';
import { toStatsRow, type StatsBatchEvent, type StatsRow } from '../events/toStatsRow';
import { byTimeThenId, creditVoice, type VoiceChange } from './creditVoice';
import { StatsDeltas, type StatsDeltasJson } from './StatsDeltas';
import { SEEN_WINDOW_MS, statsLocalSchema } from './statsLocalSchema';

/** Deltas of one flush generation, with the id that makes its Postgres upsert idempotent. */
export interface PendingGeneration {
  gen: number;
  flushId: string;
  deltas: StatsDeltasJson;
}

/** What counting one batch did. */
export interface LocalCountResult {
  /** Events Stats counts (message, reaction, join, leave, voice change). */
  counted: number;
  /** Of those, never seen before (the rest were re-deliveries, counted nothing). */
  fresh: number;
  /** Older than the idempotency window: refused, since the hub cannot tell whether they were counted. */
  stale: number;
}

/** Margin when a batch is checked against the journal rows written since its oldest event. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** A member's voice changes as stored: `[at, eventId, channelId]`, ordered. */
type StoredChange = [number, string, string | null];
/** A voice change as a journal row holds it, with its member. */
type JournalVoice = [string, number, string, string | null];

interface Meta {
  nonce: string;
  open: number;
  flushed: number;
  retentionDay: number;
}

/** A journal row as the ledger keeps its newest one in memory. */
interface JournalRow {
  at: number;
  gen: number;
  ids: string[];
  deltas: StatsDeltasJson;
  voice: JournalVoice[];
}

/** Event ids one journal row holds at most (a row of ~30 bytes per id stays well under 2 MB). */
const MAX_ROW_IDS = 20_000;

const ledgers = new WeakMap<LocalStore, StatsLedger>();

/**
 * Stats' counts in the guild hub's SQLite, between flushes to Postgres: exactly once per event
 * id (a journal row per batch holds its ids and deltas), voice time order-independent (a
 * member's known changes around the new ones are credited again), grouped in flush
 * generations: the open one takes new counts; a flush seals it, sends it with a flush id and
 * marks it flushed only after Postgres committed, so a failed or repeated flush neither loses
 * nor double-counts.
 */
export class StatsLedger {
  #meta: Meta | undefined;
  #pending: Map<number, StatsDeltas> | undefined;
  #lastAt: number | undefined;
  #last: JournalRow | null | undefined;
  /** Each member's known voice changes, ordered: rebuilt from the journal (and the carry) when needed. */
  #voice: Map<string, VoiceChange[]> | undefined;

  private constructor(private readonly local: LocalStore) {}

  /** The ledger of a hub's store (one per store, so its memory is shared by the hub's requests). */
  static of(local: LocalStore): StatsLedger {
    return ledgers.get(local) ?? ledgers.set(local, new StatsLedger(local)).get(local)!;
  }

  get #m(): Meta {
    if (this.#meta) return this.#meta;
    statsLocalSchema(this.local);
    const rows = Object.fromEntries(this.local.query<{ k: string; v: string }>(`SELECT k, v FROM stats_meta`).map((r) => [r.k, r.v]));
    if (!rows.nonce) {
      rows.nonce = crypto.randomUUID().slice(0, 8);
      rows.open = '1';
      rows.flushed = '0';
      this.local.query(`INSERT INTO stats_meta (k, v) VALUES ('nonce', ?), ('open', '1'), ('flushed', '0')`, rows.nonce);
    }
    return (this.#meta = { nonce: rows.nonce, open: Number(rows.open), flushed: Number(rows.flushed), retentionDay: Number(rows.retentionDay ?? 0) });
  }

  #setMeta(k: keyof Meta, v: number): void {
    this.local.query(`INSERT INTO stats_meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, k, String(v));
  }

  /** The Postgres flush id of a generation: unique per hub store and generation. */
  flushId(gen: number): string {
    return `${this.#m.nonce}:${gen}`;
  }

  /** Counts a batch of one guild's events into the open generation (one transaction). */
  count(events: readonly StatsBatchEvent[], now = Date.now()): LocalCountResult {
    const rows: (StatsRow & { at: number })[] = [];
    const inBatch = new Set<string>();
    events.forEach((event, i) => {
      if (inBatch.has(event.eventId)) return;
      inBatch.add(event.eventId);
      const row = toStatsRow(event, i);
      if (row) rows.push({ ...row, at: Date.parse(row.t) });
    });
    if (rows.length === 0) return { counted: 0, fresh: 0, stale: 0 };
    const meta = this.#m;
    const recent = rows.filter((r) => r.at >= now - SEEN_WINDOW_MS);
    const since = Math.min(...recent.map((r) => r.at)) - CLOCK_SKEW_MS;
    const seen = new Set<string>();
    if (recent.length > 0) {
      for (const { ids } of this.local.query<{ ids: string }>(`SELECT ids FROM stats_journal WHERE at >= ?`, since)) {
        for (const id of JSON.parse(ids) as string[]) seen.add(id);
      }
    }
    const fresh = recent.filter((r) => !seen.has(r.e));
    const result = { counted: rows.length, fresh: fresh.length, stale: rows.length - recent.length };
    if (fresh.length === 0) return result;
    const deltas = new StatsDeltas();
    let next: JournalRow | undefined;
    // Loaded before the journal row is added, so the batch is merged into memory once.
    const pending = this.#pendingMap();
    const voiceRows: JournalVoice[] = [];
    this.local.transaction(() => {
      const voice = new Map<string, VoiceChange[]>();
      for (const r of fresh) {
        if (r.k === 'message' || r.k === 'reaction') deltas.activity(r.k === 'message' ? 0 : 1, r.u, r.c!, r.at);
        else if (r.k === 'join' || r.k === 'leave') deltas.membership(r.k === 'join' ? 0 : 1, r.u, r.at);
        else {
          deltas.voiceChange(r.u, r.c, r.at, r.e);
          (voice.get(r.u) ?? voice.set(r.u, []).get(r.u)!).push({ at: r.at, eventId: r.e, channelId: r.c });
          voiceRows.push([r.u, r.at, r.e, r.c]);
        }
      }
      for (const [userId, changes] of voice) this.#creditStretch(deltas, userId, changes, now);
      // Stamped no earlier than its newest event, so a re-delivery (checked from its events'
      // times) always finds this row, whatever the shard's clock says against the hub's; and
      // after the previous row (the time is the key).
      this.#lastAt ??= Number(this.local.query<{ t: number | null }>(`SELECT max(at) AS t FROM stats_journal`)[0]?.t ?? 0);
      const at = Math.max(now, ...fresh.map((r) => r.at), this.#lastAt + 1);
      const ids = fresh.map((r) => r.e);
      // The open generation's latest row takes the batch, restamped (a row's stamp stays no
      // earlier than any of its events): one row written per batch and one deleted per
      // generation, not per batch. A new row past MAX_ROW_IDS keeps a row well under 2 MB.
      const last = this.#lastRow();
      if (last && last.gen === meta.open && last.ids.length + ids.length <= MAX_ROW_IDS) {
        const merged = { ids: [...last.ids, ...ids], deltas: new StatsDeltas().merge(last.deltas).merge(deltas).toJSON(), voice: [...last.voice, ...voiceRows] };
        this.local.query(`UPDATE stats_journal SET at = ?, ids = ?, deltas = ?, voice = ? WHERE at = ?`, at, JSON.stringify(merged.ids), JSON.stringify(merged.deltas), JSON.stringify(merged.voice), last.at);
        next = { at, gen: meta.open, ...merged };
      } else {
        const json = deltas.toJSON();
        this.local.query(`INSERT INTO stats_journal (at, gen, ids, deltas, voice) VALUES (?, ?, ?, ?, ?)`, at, meta.open, JSON.stringify(ids), JSON.stringify(json), JSON.stringify(voiceRows));
        next = { at, gen: meta.open, ids, deltas: json, voice: voiceRows };
      }
      this.#lastAt = at;
    });
    this.#last = next;
    (pending.get(meta.open) ?? pending.set(meta.open, new StatsDeltas()).get(meta.open)!).merge(deltas);
    return result;
  }

  /**
   * The member's known changes from the last one before the new ones to the first one after
   * them are credited again with the new ones, minus what they were credited before: batches
   * counted late or out of order give the same totals as in-order ones.
   */
  #creditStretch(deltas: StatsDeltas, userId: string, fresh: VoiceChange[], now: number): void {
    fresh.sort(byTimeThenId);
    const lo = fresh[0]!.at;
    const hi = fresh[fresh.length - 1]!.at;
    const map = this.#voiceMap();
    const known = map.get(userId) ?? [];
    const before = known.filter((c) => c.at < lo).at(-1)?.at ?? lo;
    const after = known.find((c) => c.at > hi)?.at ?? Number.MAX_SAFE_INTEGER;
    const old = known.filter((c) => c.at >= before && c.at <= after);
    creditVoice(deltas, userId, old, -1);
    creditVoice(deltas, userId, [...old, ...fresh].sort(byTimeThenId), 1);
    // Kept in memory: the window's changes and the latest one before it (it opens the window's
    // first interval). They are stored in the batch's journal row, written anyway: no row per member.
    const all = [...known, ...fresh].sort(byTimeThenId);
    const start = all.findIndex((c) => c.at >= now - SEEN_WINDOW_MS);
    map.set(userId, start === -1 ? all.slice(-1) : all.slice(Math.max(0, start - 1)));
  }

  /**
   * Members' voice changes: those of the journal rows (kept {@link SEEN_WINDOW_MS} after their
   * flush), the carry (each member's latest change from pruned rows while it leaves them in a
   * channel: it opens their next interval), and rows of `stats_voice` from older versions.
   */
  #voiceMap(): Map<string, VoiceChange[]> {
    if (this.#voice) return this.#voice;
    const byUser = new Map<string, Map<string, VoiceChange>>();
    const add = (userId: string, [at, eventId, channelId]: StoredChange) =>
      (byUser.get(userId) ?? byUser.set(userId, new Map()).get(userId)!).set(eventId, { at, eventId, channelId });
    for (const { user_id, changes } of this.local.query<{ user_id: string; changes: string }>(`SELECT user_id, changes FROM stats_voice`)) {
      for (const c of JSON.parse(changes) as StoredChange[]) add(user_id, c);
    }
    for (const [userId, c] of Object.entries(this.#carry())) add(userId, c);
    for (const { voice } of this.local.query<{ voice: string }>(`SELECT voice FROM stats_journal WHERE voice IS NOT NULL`)) {
      for (const [userId, at, eventId, channelId] of JSON.parse(voice) as JournalVoice[]) add(userId, [at, eventId, channelId]);
    }
    return (this.#voice = new Map([...byUser].map(([u, m]) => [u, [...m.values()].sort(byTimeThenId)])));
  }

  #carry(): Record<string, StoredChange> {
    const [row] = this.local.query<{ v: string }>(`SELECT v FROM stats_meta WHERE k = 'voiceCarry'`);
    return row ? (JSON.parse(row.v) as Record<string, StoredChange>) : {};
  }

  /** Before journal rows go: each member's latest change in them stays while it leaves them in a channel. */
  #carryOver(rows: { voice: string | null }[]): void {
    const carry = this.#carry();
    let changed = false;
    for (const { voice } of rows) {
      for (const [userId, at, eventId, channelId] of (voice ? JSON.parse(voice) : []) as JournalVoice[]) {
        const had = carry[userId];
        if (had && byTimeThenId({ at: had[0], eventId: had[1], channelId: had[2] }, { at, eventId, channelId }) > 0) continue;
        carry[userId] = [at, eventId, channelId];
        changed = true;
      }
    }
    for (const [userId, c] of Object.entries(carry)) {
      if (c[2] === null) {
        delete carry[userId];
        changed = true;
      }
    }
    if (changed) this.local.query(`INSERT INTO stats_meta (k, v) VALUES ('voiceCarry', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, JSON.stringify(carry));
  }

  /** The journal's newest row (cached: only this ledger writes the journal). */
  #lastRow(): JournalRow | null {
    if (this.#last !== undefined) return this.#last;
    const [row] = this.local.query<{ at: number; gen: number; ids: string; deltas: string; voice: string | null }>(`SELECT at, gen, ids, deltas, voice FROM stats_journal ORDER BY at DESC LIMIT 1`);
    return (this.#last = row ? { at: row.at, gen: row.gen, ids: JSON.parse(row.ids) as string[], deltas: JSON.parse(row.deltas) as StatsDeltasJson, voice: row.voice ? (JSON.parse(row.voice) as JournalVoice[]) : [] } : null);
  }

  #pendingMap(): Map<number, StatsDeltas> {
    if (this.#pending) return this.#pending;
    const flushed = this.#m.flushed;
    const map = new Map<number, StatsDeltas>();
    for (const { gen, deltas } of this.local.query<{ gen: number; deltas: string }>(`SELECT gen, deltas FROM stats_journal WHERE gen > ? ORDER BY at`, flushed)) {
      (map.get(gen) ?? map.set(gen, new StatsDeltas()).get(gen)!).merge(JSON.parse(deltas) as StatsDeltasJson);
    }
    return (this.#pending = map);
  }

  /** Every generation Postgres does not have yet, oldest first. */
  pending(): PendingGeneration[] {
    return [...this.#pendingMap()]
      .sort((a, b) => a[0] - b[0])
      .map(([gen, d]) => ({ gen, flushId: this.flushId(gen), deltas: d.toJSON() }));
  }

  /**
   * The oldest generation to send: a sealed one a failed flush left, else the open one, sealed
   * now (new counts go to the next generation). Null when nothing is pending.
   */
  nextToFlush(): PendingGeneration | null {
    const [first] = this.pending();
    if (!first) return null;
    const meta = this.#m;
    if (first.gen === meta.open) {
      this.#setMeta('open', meta.open + 1);
      meta.open += 1;
    }
    return first;
  }

  /** Records that Postgres committed `gen`; prunes what the idempotency window no longer needs. */
  markFlushed(gen: number, now = Date.now()): void {
    const meta = this.#m;
    // Two flushes may overlap (the alarm and a manual one): the mark only moves forward.
    if (gen <= meta.flushed) return;
    this.local.transaction(() => {
      this.#setMeta('flushed', gen);
      this.#carryOver(this.local.query<{ voice: string | null }>(`SELECT voice FROM stats_journal WHERE at < ? AND gen <= ? AND voice IS NOT NULL AND voice <> '[]'`, now - SEEN_WINDOW_MS, gen));
      this.local.query(`DELETE FROM stats_journal WHERE at < ? AND gen <= ?`, now - SEEN_WINDOW_MS, gen);
    });
    meta.flushed = gen;
    this.#last = undefined;
    this.#voice = undefined;
    for (const g of this.#pendingMap().keys()) if (g <= gen) this.#pending!.delete(g);
  }

  /** The last generation Postgres committed. */
  flushedGen(): number {
    return this.#m.flushed;
  }

  /** True when the guild's retention has not run yet this UTC day (a flush then applies it). */
  retentionDue(now = Date.now()): boolean {
    return this.#m.retentionDay !== Math.floor(now / 86_400_000);
  }

  /** Records that today's retention ran. */
  retentionDone(now = Date.now()): void {
    const day = Math.floor(now / 86_400_000);
    this.#setMeta('retentionDay', day);
    this.#m.retentionDay = day;
  }
}
