import { HttpError } from '../../errors';
import { errorFields } from '../../lib/errorFields';
import type { Logger } from '@edge/shared/log';
import { parseJson } from '../../lib/parseJson';
import type { SqlExec } from '../../lib/sql/SqlExec';
import type { ProcessableEvent } from '../../platform/processing/ProcessableEvent';
import type { ProcessResult } from '../../platform/processing/processStoredEvents';
import { IngestBatch } from '@edge/shared/protocol';
import { sanitizeParsed } from '../sanitize';
import { INBOX_SCHEMA, State } from './inboxSchema';
import { DEFAULT_LIMITS, planSlice, type InboxLimits } from './planSlice';

/** The inbox's answer to a batch: the ack, or the refusal the Worker turns into its HTTP error. */
export type AcceptResult =
  | { ok: true; batchId: string; acked: string[]; events: number; stored: number }
  | { ok: false; status: 400 | 401; code: string; message: string; details?: unknown };

/** An event set aside, as the dead-letter store receives it. */
export interface LetterInput {
  eventId: string;
  guildId: string;
  type: string;
  /** The payload as JSON text. */
  payload: string;
  error: string;
}

/** A guild's hub as the inbox delivers to it. */
export interface InboxHub {
  processEvents(events: ProcessableEvent[]): Promise<ProcessResult>;
}

/** What the inbox needs from its runtime. */
export interface InboxDeps {
  sql: SqlExec;
  hub(guildId: string): InboxHub;
  /** Writes dead letters where the dashboard lists them (Postgres: a rare write). */
  setAside(letters: LetterInput[]): Promise<void>;
  /** Whether an event type has per-event handlers (effects that cost subrequests): slices hold few of them. */
  isHeavy(type: string): boolean;
  /** How long delivered events are kept (their ids de-duplicate re-sent batches meanwhile). */
  retentionMs: number;
  log: Logger;
  now?: () => number;
  limits?: Partial<InboxLimits>;
}

/** The inbox's backlog (`GET /health/inbox`). */
export interface InboxStatus {
  /** Events stored and not delivered yet (or waiting for a retry). */
  pending: number;
  /** Events set aside whose dead letter is not written yet (Postgres unreachable). */
  settingAside: number;
  /** Age of the oldest pending event (ms since the shard received it), null when none. */
  oldestPendingMs: number | null;
}

/** What one delivery run did, and when the next one is due (null: nothing left to do). */
export interface DeliveryRun {
  rpcs: number;
  delivered: number;
  failed: number;
  setAside: number;
  nextAt: number | null;
}

type Row = { seq: number; event_id: string; type: string; payload: string; received_at: number; attempts: number };
/** An event as a batch row holds it. */
type StoredEvent = { id: string; type: string; guildId: string; receivedAt: number; payload: unknown };
type Backoff = { attempts: number; cap: number; next_at: number };

/** Replay window of a signature (±5 min) plus a margin: nonces older than this can go. */
const NONCE_KEEP_MS = 15 * 60_000;
/**
 * A delivered batch row past the retention is reused by the next batch stored (an UPDATE: one
 * row written, where a prune and an insert are two); rows this much older than the retention
 * (the traffic went down) are deleted instead.
 */
export const PRUNE_GRACE_MS = 3_600_000;
const message = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);

/**
 * The event inbox's logic (the `EventInbox` Durable Object binds it to its SQLite and alarm):
 * - {@link accept}: the ingest's durable store. Parses and sanitizes a verified body, refuses a
 *   replayed nonce, skips event ids already held, and stores the batch as ONE row (Durable
 *   Object SQLite bills rows written, so the common path writes 2 rows per batch, not per event:
 *   its row, reusing the oldest one past the retention, and the delivery cursor).
 * - {@link deliver}: hands each guild's events to that guild's hub in order, batch after
 *   batch, one slice per RPC (few heavy events per slice, so the hub's invocation stays under
 *   50 subrequests), a bounded number of RPCs per run. Events that fail get rows of their own
 *   ("parked", behind which the guild's later events wait): a slice the hub throws on is
 *   retried with backoff and halved each time down to one event; an event that keeps failing
 *   (or that the hub reports failed `maxAttempts` times) is set aside as a dead letter.
 *   Delivered batches are kept `retentionMs` for de-duplication, then their row is reused by a
 *   new batch, or pruned {@link PRUNE_GRACE_MS} later when none came.
 * Postgres is never on this path, except to write a dead letter.
 */
export class InboxCore {
  readonly #limits: InboxLimits;
  readonly #now: () => number;
  /** Ids of the events of retained batches, and recent nonces: rebuilt from `batches` when the object starts. */
  readonly #ids = new Set<string>();
  readonly #nonces = new Map<string, number>();
  #loaded = false;
  /** The last batch `seq` given (batches and the cursor only grow, even once every row is pruned). */
  #seq: number | undefined;
  /** The stored batch rows, oldest first (their `seq` and time): which row to reuse or prune, without a scan. */
  #rows: { seq: number; at: number }[] = [];

  constructor(private readonly deps: InboxDeps) {
    this.#limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.#now = deps.now ?? Date.now;
    for (const statement of INBOX_SCHEMA) deps.sql.exec(statement);
  }

  /** Stores a batch whose signature the Worker verified; `nonce` is its normalized MAC. */
  accept(nonce: string, body: string): AcceptResult {
    let batch: IngestBatch;
    try {
      batch = sanitizeParsed(body, parseJson(body, IngestBatch, 'Invalid ingest batch'));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return { ok: false, status: 400, code: err.options.code ?? 'ValidationError', message: err.message, details: err.options.details };
    }
    const now = this.#now();
    this.#load();
    if (this.#nonces.has(nonce)) return { ok: false, status: 401, code: 'ReplayedRequest', message: 'Request already seen (replay)' };
    const ids: string[] = [];
    const fresh: StoredEvent[] = [];
    for (const e of batch.events) {
      if (this.#ids.has(e.id) || ids.includes(e.id)) continue;
      ids.push(e.id);
      // Events without a guild have no hub to go to: their ids are kept for de-duplication only.
      if (e.guildId) fresh.push({ id: e.id, type: e.type, guildId: e.guildId, receivedAt: e.receivedAt ?? now, payload: e.payload });
    }
    // ONE row, even for a batch with nothing new: it records the nonce. The oldest row, once
    // delivered and past the retention, takes it (its ids are forgotten): no prune row for it.
    this.#seq ??= Math.max(this.#cursor(), this.#rows.at(-1)?.seq ?? 0);
    const seq = ++this.#seq;
    const values = [seq, nonce, now, fresh.length, JSON.stringify(ids), JSON.stringify(fresh)];
    const old = this.#rows[0];
    if (old && old.at < now - this.deps.retentionMs && old.seq <= this.#cursor()) {
      this.#forget(this.deps.sql.exec<{ ids: string }>('SELECT ids FROM batches WHERE seq = ?', old.seq).toArray());
      this.deps.sql.exec('UPDATE batches SET seq = ?, nonce = ?, at = ?, n = ?, ids = ?, events = ? WHERE seq = ?', ...values, old.seq);
      this.#rows.shift();
    } else {
      this.deps.sql.exec('INSERT INTO batches (seq, nonce, at, n, ids, events) VALUES (?, ?, ?, ?, ?, ?)', ...values);
    }
    this.#rows.push({ seq, at: now });
    this.#nonces.set(nonce, now);
    for (const id of ids) this.#ids.add(id);
    return { ok: true, batchId: batch.batchId, acked: [...new Set(batch.events.map((e) => e.id))], events: batch.events.length, stored: ids.length };
  }

  /** Builds the in-memory de-duplication sets from the retained batches (once per object start). */
  #load(): void {
    if (this.#loaded) return;
    const since = this.#now() - NONCE_KEEP_MS;
    for (const b of this.deps.sql.exec<{ seq: number; nonce: string; at: number; ids: string }>('SELECT seq, nonce, at, ids FROM batches ORDER BY seq').toArray()) {
      for (const id of JSON.parse(b.ids) as string[]) this.#ids.add(id);
      if (b.at >= since) this.#nonces.set(b.nonce, b.at);
      this.#rows.push({ seq: b.seq, at: b.at });
    }
    this.#loaded = true;
  }

  /** Drops the ids of batch rows that go (pruned or reused). */
  #forget(rows: { ids: string }[]): void {
    for (const b of rows) for (const id of JSON.parse(b.ids) as string[]) this.#ids.delete(id);
  }

  #cursor(): number {
    return this.deps.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'cursor'").toArray()[0]?.value ?? 0;
  }

  /** Puts an event back for delivery (a dead letter's retry from the dashboard), attempts reset. */
  redeliver(letter: Omit<LetterInput, 'error'>): void {
    const { sql } = this.deps;
    sql.transaction(() => {
      sql.exec(
        `INSERT INTO events (event_id, guild_id, type, payload, received_at, state) VALUES (?, ?, ?, ?, ?, ${State.Pending})
         ON CONFLICT (event_id) DO UPDATE SET state = ${State.Pending}, attempts = 0, last_error = NULL, done_at = NULL, payload = excluded.payload`,
        letter.eventId, letter.guildId, letter.type, letter.payload, this.#now(),
      );
      sql.exec('DELETE FROM backoff WHERE guild_id = ?', letter.guildId);
    });
  }

  /** Events waiting for delivery (all guilds). */
  pending(): number {
    return this.status().pending;
  }

  /** The backlog, for `/health/inbox`: counts and the age of the oldest waiting event, nothing else. */
  status(): InboxStatus {
    const row = this.deps.sql.exec<{ pending: number; unwritten: number; oldest: number | null }>(
      `SELECT sum(state = ${State.Pending}) AS pending, sum(state = ${State.DeadUnwritten}) AS unwritten,
        min(CASE WHEN state = ${State.Pending} THEN received_at END) AS oldest FROM events WHERE state IN (${State.Pending}, ${State.DeadUnwritten})`,
    ).toArray()[0];
    const waiting = this.deps.sql.exec<{ n: number | null; at: number | null }>('SELECT sum(n) AS n, min(CASE WHEN n > 0 THEN at END) AS at FROM batches WHERE seq > ?', this.#cursor()).toArray()[0];
    const oldest = [row?.oldest ?? null, waiting?.at ?? null].filter((x): x is number => x !== null);
    return {
      pending: (row?.pending ?? 0) + (waiting?.n ?? 0), settingAside: row?.unwritten ?? 0,
      oldestPendingMs: oldest.length ? Math.max(0, this.#now() - Math.min(...oldest)) : null,
    };
  }

  /** One delivery run (the alarm): dead letters written, slices delivered, old rows pruned. */
  async deliver(): Promise<DeliveryRun> {
    this.#load();
    const run: DeliveryRun = { rpcs: 0, delivered: 0, failed: 0, setAside: 0, nextAt: null };
    run.setAside = await this.#writeDeadLetters();
    while (run.rpcs < this.#limits.rpcsPerRun) {
      const now = this.#now();
      const guilds = this.deps.sql.exec<{ guild_id: string }>(
        `SELECT e.guild_id FROM events e LEFT JOIN backoff b ON b.guild_id = e.guild_id
         WHERE e.state = ${State.Pending} AND (b.next_at IS NULL OR b.next_at <= ?)
         GROUP BY e.guild_id ORDER BY min(e.seq) LIMIT ?`,
        now, this.#limits.rpcsPerRun - run.rpcs,
      ).toArray().map((r) => r.guild_id);
      if (guilds.length === 0) break;
      // Guilds side by side, each guild's slices one after the other (its order).
      const results = await Promise.all(guilds.map((g) => this.#deliverSlice(g)));
      run.rpcs += guilds.length;
      for (const r of results) {
        run.delivered += r.delivered;
        run.failed += r.failed;
      }
    }
    await this.#deliverBatches(run);
    this.#prune();
    run.nextAt = this.#nextAt();
    return run;
  }

  /**
   * The common path: batches after the cursor, in order; each batch's guilds side by side,
   * each guild's slices one after the other, then the cursor moves (one row). A guild that
   * has parked events (an earlier failure) gets its events parked behind them, in order; a
   * slice the hub throws on parks the rest of its guild's events with a backoff; events the
   * hub reports failed are parked alone. Parked events are delivered by the per-event path.
   */
  async #deliverBatches(run: DeliveryRun): Promise<void> {
    const { sql } = this.deps;
    for (;;) {
      const batch = sql.exec<{ seq: number; events: string }>('SELECT seq, events FROM batches WHERE seq > ? ORDER BY seq LIMIT 1', this.#cursor()).toArray()[0];
      if (!batch) return;
      const events = JSON.parse(batch.events) as StoredEvent[];
      const parked = new Set(sql.exec<{ guild_id: string }>(`SELECT DISTINCT guild_id FROM events WHERE state = ${State.Pending}`).toArray().map((r) => r.guild_id));
      const byGuild = new Map<string, StoredEvent[]>();
      for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
      const plans: [string, StoredEvent[][]][] = [];
      let needed = 0;
      for (const [guildId, list] of byGuild) {
        if (parked.has(guildId)) {
          this.#park(list, 0, null);
          continue;
        }
        const slices: StoredEvent[][] = [];
        for (let i = 0; i < list.length;) {
          const slice = planSlice(list.slice(i), this.#limits.sliceEvents, this.#limits.sliceHeavy, this.deps.isHeavy);
          slices.push(slice);
          i += slice.length;
        }
        plans.push([guildId, slices]);
        needed += slices.length;
      }
      // A batch is delivered within one run; one too big for a run's budget parks what does not fit.
      if (run.rpcs > 0 && run.rpcs + needed > this.#limits.rpcsPerRun) return;
      let budget = this.#limits.rpcsPerRun - run.rpcs;
      const go: [string, StoredEvent[][]][] = [];
      for (const [guildId, slices] of plans) {
        if (slices.length <= budget) {
          go.push([guildId, slices]);
          budget -= slices.length;
        } else {
          this.#park(slices.flat(), 0, null);
        }
      }
      await Promise.all(go.map(async ([guildId, slices]) => {
        for (const [i, slice] of slices.entries()) {
          run.rpcs++;
          const r = await this.#deliverFresh(guildId, slice);
          run.delivered += r.delivered;
          run.failed += r.failed;
          if (r.threw) {
            // The rest of the guild's events wait behind the failed slice, in order.
            this.#park(slices.slice(i).flat(), 1, r.threw);
            this.#backOff(guildId, undefined, Math.max(1, Math.ceil(slice.length / 2)));
            return;
          }
        }
      }));
      sql.exec("INSERT INTO meta (key, value) VALUES ('cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", batch.seq);
      if (run.rpcs >= this.#limits.rpcsPerRun) return;
    }
  }

  /** One slice of a batch to its hub; failures reported by the hub are parked alone. */
  async #deliverFresh(guildId: string, slice: StoredEvent[]): Promise<{ delivered: number; failed: number; threw?: string }> {
    let hub: InboxHub;
    try {
      hub = this.deps.hub(guildId);
    } catch (err) {
      // No hub can exist for this guild id (not a Discord id): retrying cannot help.
      for (const e of slice) this.#park([e], 1, message(err), State.DeadUnwritten);
      return { delivered: 0, failed: slice.length };
    }
    let result: ProcessResult;
    try {
      result = await hub.processEvents(slice.map((e) => ({ eventId: e.id, type: e.type, guildId, payload: e.payload, receivedAt: new Date(e.receivedAt).toISOString() })));
    } catch (err) {
      this.deps.log.warn('inbox delivery failed', { guildId, events: slice.length, ...errorFields(err) });
      return { delivered: 0, failed: slice.length, threw: message(err) };
    }
    if (result.failed.length > 0) {
      const failed = new Map(result.failed.map((f) => [f.eventId, f.error]));
      for (const e of slice) if (failed.has(e.id)) this.#park([e], 1, failed.get(e.id)!);
      this.#backOff(guildId, undefined, this.#limits.sliceEvents);
    }
    return { delivered: slice.length - result.failed.length, failed: result.failed.length };
  }

  /** Gives events their own rows (pending, after the guild's parked ones; or set aside). */
  #park(events: StoredEvent[], attempts: number, error: string | null, state: number = State.Pending): void {
    for (const e of events) {
      this.deps.sql.exec(
        `INSERT INTO events (event_id, guild_id, type, payload, received_at, state, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, attempts = excluded.attempts, last_error = excluded.last_error, done_at = NULL`,
        e.id, e.guildId, e.type, JSON.stringify(e.payload), e.receivedAt, state, attempts, error,
      );
    }
  }

  async #deliverSlice(guildId: string): Promise<{ delivered: number; failed: number }> {
    const { sql } = this.deps;
    const backoff = sql.exec<Backoff>('SELECT attempts, cap, next_at FROM backoff WHERE guild_id = ?', guildId).toArray()[0];
    const rows = sql.exec<Row>(
      `SELECT seq, event_id, type, payload, received_at, attempts FROM events WHERE state = ${State.Pending} AND guild_id = ? ORDER BY seq LIMIT ?`,
      guildId, this.#limits.sliceEvents,
    ).toArray();
    const slice = planSlice(rows, backoff?.cap ?? this.#limits.sliceEvents, this.#limits.sliceHeavy, this.deps.isHeavy);
    if (slice.length === 0) return { delivered: 0, failed: 0 };
    let hub: InboxHub;
    try {
      hub = this.deps.hub(guildId);
    } catch (err) {
      // No hub can exist for this guild id (not a Discord id): retrying cannot help.
      sql.transaction(() => {
        for (const r of slice) sql.exec(`UPDATE events SET attempts = attempts + 1, last_error = ?, state = ${State.DeadUnwritten} WHERE seq = ?`, message(err), r.seq);
      });
      return { delivered: 0, failed: slice.length };
    }
    let result: ProcessResult;
    try {
      result = await hub.processEvents(slice.map((r) => ({
        eventId: r.event_id, type: r.type, guildId, payload: JSON.parse(r.payload) as unknown, receivedAt: new Date(r.received_at).toISOString(),
      })));
    } catch (err) {
      // The whole slice failed (the hub threw or was unreachable): retry later, in halves.
      this.deps.log.warn('inbox delivery failed', { guildId, events: slice.length, ...errorFields(err) });
      sql.transaction(() => {
        for (const r of slice) this.#failed(r, message(err), slice.length === 1);
        this.#backOff(guildId, backoff, Math.max(1, Math.ceil(slice.length / 2)));
      });
      return { delivered: 0, failed: slice.length };
    }
    const failed = new Map(result.failed.map((f) => [f.eventId, f.error]));
    const now = this.#now();
    sql.transaction(() => {
      for (const r of slice) {
        const error = failed.get(r.event_id);
        // The hub names the failing events itself: they are isolated already.
        if (error !== undefined) this.#failed(r, error, true);
        else sql.exec(`UPDATE events SET state = ${State.Done}, done_at = ?, last_error = NULL WHERE seq = ?`, now, r.seq);
      }
      if (failed.size > 0) this.#backOff(guildId, backoff, backoff?.cap ?? this.#limits.sliceEvents);
      else sql.exec('DELETE FROM backoff WHERE guild_id = ?', guildId);
    });
    return { delivered: slice.length - failed.size, failed: failed.size };
  }

  /** Records a failed attempt; past `maxAttempts` an isolated event is set aside. */
  #failed(r: Row, error: string, isolated: boolean): void {
    const attempts = r.attempts + 1;
    const dead = isolated && attempts >= this.#limits.maxAttempts;
    this.deps.sql.exec('UPDATE events SET attempts = ?, last_error = ?, state = ? WHERE seq = ?', attempts, error, dead ? State.DeadUnwritten : State.Pending, r.seq);
  }

  #backOff(guildId: string, prev: Backoff | undefined, cap: number): void {
    const attempts = (prev?.attempts ?? 0) + 1;
    this.deps.sql.exec(
      'INSERT INTO backoff (guild_id, attempts, cap, next_at) VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET attempts = excluded.attempts, cap = excluded.cap, next_at = excluded.next_at',
      guildId, attempts, cap, this.#now() + this.#limits.backoffMs(attempts),
    );
  }

  /** Writes the events set aside to the dead-letter store (one call); on failure they wait for the next run. */
  async #writeDeadLetters(): Promise<number> {
    const { sql } = this.deps;
    const rows = sql.exec<{ seq: number; event_id: string; guild_id: string; type: string; payload: string; last_error: string | null }>(
      `SELECT seq, event_id, guild_id, type, payload, last_error FROM events WHERE state = ${State.DeadUnwritten} ORDER BY seq LIMIT 100`,
    ).toArray();
    if (rows.length === 0) return 0;
    try {
      await this.deps.setAside(rows.map((r) => ({ eventId: r.event_id, guildId: r.guild_id, type: r.type, payload: r.payload, error: r.last_error ?? 'delivery failed' })));
    } catch (err) {
      this.deps.log.error('dead letters not written yet', { events: rows.length, ...errorFields(err) });
      return 0;
    }
    const now = this.#now();
    sql.transaction(() => {
      for (const r of rows) sql.exec(`UPDATE events SET state = ${State.Dead}, done_at = ? WHERE seq = ? AND state = ${State.DeadUnwritten}`, now, r.seq);
    });
    this.deps.log.error('events set aside after repeated failures', { events: rows.length });
    return rows.length;
  }

  /**
   * Delivered batch rows past the retention and its grace (not reused: the traffic went down),
   * set-aside and delivered events past the retention, and old nonces (bounded per run).
   */
  #prune(): void {
    const now = this.#now();
    const cursor = this.#cursor();
    let last = 0;
    while (last < 500 && this.#rows[last] && this.#rows[last]!.seq <= cursor && this.#rows[last]!.at < now - this.deps.retentionMs - PRUNE_GRACE_MS) last++;
    if (last > 0) {
      const upTo = this.#rows[last - 1]!.seq;
      this.#forget(this.deps.sql.exec<{ ids: string }>('SELECT ids FROM batches WHERE seq <= ?', upTo).toArray());
      this.deps.sql.exec('DELETE FROM batches WHERE seq <= ?', upTo);
      this.#rows.splice(0, last);
    }
    for (const [nonce, at] of this.#nonces) if (at < now - NONCE_KEEP_MS) this.#nonces.delete(nonce);
    this.deps.sql.exec(`DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE state IN (${State.Done}, ${State.Dead}) AND done_at < ? LIMIT 5000)`, now - this.deps.retentionMs);
  }

  /** When the next run is due: now if slices are ready, else the first backoff, else the next prune. */
  #nextAt(): number | null {
    const { sql } = this.deps;
    const now = this.#now();
    const unwritten = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM events WHERE state = ${State.DeadUnwritten}`).toArray()[0]!.n;
    const due = sql.exec<{ at: number | null }>(
      `SELECT min(coalesce(b.next_at, 0)) AS at FROM events e LEFT JOIN backoff b ON b.guild_id = e.guild_id WHERE e.state = ${State.Pending}`,
    ).toArray()[0]?.at ?? null;
    if (sql.exec('SELECT seq FROM batches WHERE seq > ? LIMIT 1', this.#cursor()).toArray().length > 0) return now;
    const oldestRow = sql.exec<{ at: number | null }>(`SELECT min(done_at) AS at FROM events WHERE state IN (${State.Done}, ${State.Dead})`).toArray()[0]?.at ?? null;
    const first = this.#rows[0];
    const oldestBatch = first ? first.at + PRUNE_GRACE_MS : null;
    const oldest = oldestRow === null ? oldestBatch : oldestBatch === null ? oldestRow : Math.min(oldestRow, oldestBatch);
    const candidates = [
      due === null ? null : Math.max(now, due),
      unwritten > 0 ? now + this.#limits.backoffMs(1) : null,
      // Nonces are tiny: they go with any run, never worth an alarm of their own.
      oldest === null ? null : oldest + this.deps.retentionMs + 60_000,
    ].filter((x): x is number => x !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }
}
