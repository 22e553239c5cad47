import type { ShardResumeState } from '@edge/shared/protocol';
import type { SqlExec } from '../../lib/sql/SqlExec';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS fleet_process (id TEXT PRIMARY KEY, lease_until INTEGER NOT NULL, joined_at INTEGER NOT NULL)`,
  // owner: the process that runs the shard now; target: the one it should run on. They differ
  // while a live owner hands the shard over (it stops, reports its resume state, then the target starts).
  `CREATE TABLE IF NOT EXISTS fleet_shard (id INTEGER PRIMARY KEY, owner TEXT, target TEXT,
     session_id TEXT, sequence INTEGER, resume_url TEXT, shard_count INTEGER)`,
  `CREATE TABLE IF NOT EXISTS fleet_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS fleet_identify (bucket INTEGER PRIMARY KEY, last_at INTEGER NOT NULL)`,
];

/** Settings of {@link FleetCore}. */
export interface FleetSettings {
  /** A process that has not heartbeated for this long is dead: its shards move. */
  leaseMs: number;
  /** One identify per `max_concurrency` bucket per window (Discord: 5 s). */
  identifyWindowMs: number;
  /** Shard count fixed by the deployment (`SHARD_COUNT` of the Worker); else the first process's. */
  shardCount?: number;
}

/** What a process tells when it registers. */
export interface FleetHello {
  processId: string;
  shardCount?: number;
  recommendedShards?: number;
  maxConcurrency?: number;
}

/** One process's share of the shards, as sent to it. */
export interface FleetAssignment {
  epoch: number;
  shardCount: number;
  maxConcurrency: number;
  shards: number[];
  resume: Record<string, ShardResumeState>;
  leaseMs: number;
}

interface ShardRow {
  id: number;
  owner: string | null;
  target: string | null;
  session_id: string | null;
  sequence: number | null;
  resume_url: string | null;
  shard_count: number | null;
}

/**
 * The coordination state of the shard processes, in the ShardCoordinator's SQLite: leases,
 * the shard count, which process runs which shard (contiguous ranges over the live processes,
 * in joining order), the identify slot of every `max_concurrency` bucket, and each shard's
 * resume state. One row per process, shard and bucket: nothing grows with the number of guilds.
 * Synchronous, like Durable Object storage, so it runs in Node tests on better-sqlite3.
 */
export class FleetCore {
  constructor(
    private readonly sql: SqlExec,
    private readonly settings: FleetSettings,
  ) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  /** Lease length told to the processes (they heartbeat several times per lease). */
  get leaseMs(): number {
    return this.settings.leaseMs;
  }

  /** Registers (or re-registers) a process and gives it a lease. Returns whether the assignment changed. */
  register(hello: FleetHello, now: number): boolean {
    if (this.#meta('shard_count') === null) {
      const count = this.settings.shardCount ?? hello.shardCount ?? hello.recommendedShards ?? 1;
      this.#setMeta('shard_count', count);
      this.#setMeta('max_concurrency', hello.maxConcurrency ?? 1);
      for (let id = 0; id < count; id++) this.sql.exec('INSERT OR IGNORE INTO fleet_shard (id) VALUES (?)', id);
    }
    this.sql.exec(
      `INSERT INTO fleet_process (id, lease_until, joined_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until`,
      hello.processId, now + this.settings.leaseMs, now,
    );
    return this.rebalance();
  }

  /** Extends a lease; false when the process is unknown (its lease expired: it must register again). */
  heartbeat(processId: string, now: number): boolean {
    return this.sql.exec('UPDATE fleet_process SET lease_until = ? WHERE id = ?', now + this.settings.leaseMs, processId).rowsWritten > 0;
  }

  /** A process stopped gracefully (after closing its shards resumably): its shards move now. */
  leave(processId: string, states: Record<string, ShardResumeState> = {}): boolean {
    this.saveResume(processId, states);
    this.sql.exec('DELETE FROM fleet_process WHERE id = ?', processId);
    return this.rebalance();
  }

  /** Forgets processes whose lease ran out and moves their shards. Returns whether anything changed. */
  expire(now: number): boolean {
    const gone = this.sql.exec('DELETE FROM fleet_process WHERE lease_until < ?', now).rowsWritten;
    return this.rebalance() || gone > 0;
  }

  /** Earliest lease end (when the alarm must look again), or null without processes. */
  nextExpiry(): number | null {
    return this.sql.exec<{ t: number | null }>('SELECT min(lease_until) AS t FROM fleet_process').toArray()[0]?.t ?? null;
  }

  /** Live process ids in joining order. */
  processes(): string[] {
    return this.sql.exec<{ id: string }>('SELECT id FROM fleet_process ORDER BY joined_at, id').toArray().map((r) => r.id);
  }

  /**
   * Recomputes the targets (contiguous ranges over the live processes) and grants every shard
   * whose owner is gone to its target at once; a live owner keeps its shard until it releases it.
   */
  rebalance(): boolean {
    const live = this.processes();
    const count = this.#meta('shard_count') ?? 0;
    let changed = false;
    const rows = this.#shards();
    for (const row of rows) {
      const target = live.length ? live[Math.floor((row.id * live.length) / count)]! : null;
      const ownerAlive = row.owner !== null && live.includes(row.owner);
      const owner = ownerAlive ? row.owner : target;
      if (target !== row.target || owner !== row.owner) {
        this.sql.exec('UPDATE fleet_shard SET owner = ?, target = ? WHERE id = ?', owner, target, row.id);
        changed = true;
      }
    }
    if (changed) this.#setMeta('epoch', (this.#meta('epoch') ?? 0) + 1);
    return changed;
  }

  /** The shards a process must run now: those it owns and should keep. */
  assignment(processId: string): FleetAssignment {
    const rows = this.#shards().filter((r) => r.owner === processId && r.target === processId);
    const resume: Record<string, ShardResumeState> = {};
    for (const r of rows) {
      if (r.session_id && r.sequence !== null && r.resume_url && r.shard_count) {
        resume[r.id] = { sessionId: r.session_id, sequence: r.sequence, resumeURL: r.resume_url, shardCount: r.shard_count };
      }
    }
    return {
      epoch: this.#meta('epoch') ?? 0,
      shardCount: this.#meta('shard_count') ?? 0,
      maxConcurrency: this.#meta('max_concurrency') ?? 1,
      shards: rows.map((r) => r.id),
      resume,
      leaseMs: this.settings.leaseMs,
    };
  }

  /**
   * Keeps the resume states a process reports for shards it owns (a process that lost a shard
   * cannot overwrite its new owner's state). Within one session the sequence only moves forward.
   */
  saveResume(processId: string, states: Record<string, ShardResumeState>): void {
    for (const [id, s] of Object.entries(states)) {
      this.sql.exec(
        `UPDATE fleet_shard SET session_id = ?, sequence = ?, resume_url = ?, shard_count = ?
         WHERE id = ? AND owner = ? AND (session_id IS NULL OR session_id <> ? OR sequence <= ?)`,
        s.sessionId, s.sequence, s.resumeURL, s.shardCount, Number(id), processId, s.sessionId, s.sequence,
      );
    }
  }

  /** A process stopped shards it should no longer run: they go to their targets. Returns whether anything moved. */
  release(processId: string, shards: number[], states: Record<string, ShardResumeState> = {}): boolean {
    this.saveResume(processId, states);
    let moved = 0;
    for (const id of shards) {
      moved += this.sql.exec('UPDATE fleet_shard SET owner = target WHERE id = ? AND owner = ? AND (target IS NULL OR target <> owner)', id, processId).rowsWritten;
    }
    if (moved > 0) this.#setMeta('epoch', (this.#meta('epoch') ?? 0) + 1);
    return moved > 0;
  }

  /**
   * Grants the identify slot of the shard's bucket (`shard_id % max_concurrency`) when the
   * bucket's last identify is a window old; else tells how long to wait. Only the shard's owner
   * gets a slot.
   */
  identify(processId: string, shardId: number, now: number): { granted: boolean; retryAfterMs: number } {
    const row = this.#shards().find((r) => r.id === shardId);
    if (!row || row.owner !== processId || row.target !== processId) return { granted: false, retryAfterMs: this.settings.identifyWindowMs };
    const bucket = shardId % (this.#meta('max_concurrency') ?? 1);
    const last = this.sql.exec<{ last_at: number }>('SELECT last_at FROM fleet_identify WHERE bucket = ?', bucket).toArray()[0]?.last_at;
    if (last !== undefined && now - last < this.settings.identifyWindowMs) return { granted: false, retryAfterMs: last + this.settings.identifyWindowMs - now };
    this.sql.exec('INSERT INTO fleet_identify (bucket, last_at) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET last_at = excluded.last_at', bucket, now);
    return { granted: true, retryAfterMs: 0 };
  }

  /**
   * Close code 4011: too many guilds per shard. Sets a larger count (Discord's recommendation
   * if larger, else twice the current one) and starts every shard afresh on the new count.
   * Returns the new count, or null when the report is about an older count.
   */
  reshard(shardCountSeen: number, recommended?: number): number | null {
    const current = this.#meta('shard_count') ?? 1;
    if (shardCountSeen !== current) return null;
    const next = Math.max(current * 2, recommended ?? 0);
    this.sql.exec('DELETE FROM fleet_shard');
    for (let id = 0; id < next; id++) this.sql.exec('INSERT INTO fleet_shard (id) VALUES (?)', id);
    this.#setMeta('shard_count', next);
    this.rebalance();
    this.#setMeta('epoch', (this.#meta('epoch') ?? 0) + 1);
    return next;
  }

  #shards(): ShardRow[] {
    return this.sql.exec<ShardRow>('SELECT * FROM fleet_shard ORDER BY id').toArray();
  }

  #meta(key: string): number | null {
    return this.sql.exec<{ value: number }>('SELECT value FROM fleet_meta WHERE key = ?', key).toArray()[0]?.value ?? null;
  }

  #setMeta(key: string, value: number): void {
    this.sql.exec('INSERT INTO fleet_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }
}
