import { sql } from 'drizzle-orm';
import type { LocalStore } from '../../../platform/LocalStore';
import { queryRows, type StatsDb } from '../db';
import type { MemberDayDelta, RollupDelta, TotalsDelta } from './StatsDeltas';

const DAY = 86_400_000;
/** Whole days back the snapshot covers (the default 7-day periods and their partial first day). */
export const SNAPSHOT_DAYS = 8;

/**
 * What Postgres held for a guild right after a flush, kept in the hub so the common reads
 * (`/stats server`, `/leaderboard`, up to {@link SNAPSHOT_DAYS} days back) need no Postgres:
 * daily rollups of the covered days, 5-minute rollups of the days a default period cuts
 * (its first and last day), member-day rows, member totals. `gen` is the last generation
 * Postgres had: the snapshot plus the hub's generations after it is Postgres plus its pending
 * deltas, exactly, as long as `gen` is still the last flushed one.
 */
export interface StatsSnapshotData {
  gen: number;
  /** UTC day (epoch ms) the snapshot was taken on. */
  today: number;
  /** Daily rollup rows of days >= today - SNAPSHOT_DAYS (same shape as rollup deltas, bucket = day). */
  daily: RollupDelta[];
  /** Days whose 5-minute rows are all in `fiveMin`. */
  fiveMinDays: number[];
  fiveMin: RollupDelta[];
  /** Member-day rows of days >= today - SNAPSHOT_DAYS. */
  memberDays: MemberDayDelta[];
  /** Member totals: `[user, messages, reactions, 0, 0, voiceMs, null, null]`. */
  totals: TotalsDelta[];
}

const DDL = `CREATE TABLE IF NOT EXISTS stats_snapshot (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID`;
const cache = new WeakMap<LocalStore, StatsSnapshotData | null>();
const ms = (col: string) => sql.raw(`(extract(epoch FROM ${col}) * 1000)::bigint`);
const n = (v: unknown) => Number(v ?? 0);

/**
 * Reads the snapshot back from Postgres in the flush's own connection (one statement) and
 * stores it in the hub (a few rows written per flush, not per event).
 */
export async function takeStatsSnapshot(db: StatsDb, local: LocalStore, guildId: string, gen: number, pendingIds: string[], now: Date): Promise<boolean> {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const since = new Date(today - SNAPSHOT_DAYS * DAY).toISOString();
  const fiveMinDays = [today - 7 * DAY, today];
  const rows = await queryRows<{ k: string; a: number | string; b: string; m: string; r: string; j: string; l: string; v: string }>(
    db,
    sql`SELECT 'd' AS k, ${ms('day')} AS a, channel_id AS b, messages::bigint AS m, reactions::bigint AS r, joins::bigint AS j, leaves::bigint AS l, voice_ms::bigint AS v
      FROM stats_daily WHERE guild_id = ${guildId} AND day >= ${since}::timestamptz
    UNION ALL
    SELECT 'f', ${ms('bucket')}, channel_id, messages::bigint, reactions::bigint, joins::bigint, leaves::bigint, voice_ms::bigint
      FROM stats_5min WHERE guild_id = ${guildId}
        AND ((bucket >= ${new Date(fiveMinDays[0]!).toISOString()}::timestamptz AND bucket < ${new Date(fiveMinDays[0]! + DAY).toISOString()}::timestamptz)
          OR bucket >= ${new Date(today).toISOString()}::timestamptz)
    UNION ALL
    SELECT 'm', ${ms('day')}, user_id, messages::bigint, reactions::bigint, 0, 0, voice_ms::bigint
      FROM stats_member_daily WHERE guild_id = ${guildId} AND day >= ${since}::timestamptz
    UNION ALL
    SELECT 'x', 0, flush_id, 0, 0, 0, 0, 0 FROM stats_flushes WHERE flush_id = ANY(${`{${pendingIds.join(',')}}`}::text[])
    UNION ALL
    SELECT 't', 0, user_id, messages::bigint, reactions::bigint, 0, 0, voice_ms::bigint
      FROM stats_member_totals WHERE guild_id = ${guildId}`,
  );
  // A generation after `gen` already in Postgres (an overlapping flush committed it and has not
  // marked it yet): snapshot plus pending would count it twice, so none is kept this time.
  if (rows.some((x) => x.k === 'x')) return false;
  const snap: StatsSnapshotData = { gen, today, daily: [], fiveMinDays, fiveMin: [], memberDays: [], totals: [] };
  for (const x of rows) {
    if (x.k === 'd') snap.daily.push([n(x.a), x.b, n(x.m), n(x.r), n(x.j), n(x.l), n(x.v)]);
    else if (x.k === 'f') snap.fiveMin.push([n(x.a), x.b, n(x.m), n(x.r), n(x.j), n(x.l), n(x.v)]);
    else if (x.k === 'm') snap.memberDays.push([n(x.a), x.b, n(x.m), n(x.r), n(x.v)]);
    else snap.totals.push([x.b, n(x.m), n(x.r), 0, 0, n(x.v), null, null]);
  }
  local.query(DDL);
  // Parts in separate rows: a Durable Object SQLite value holds at most 2 MB.
  local.transaction(() => {
    for (const part of ['daily', 'fiveMin', 'memberDays', 'totals'] as const) {
      local.query(`INSERT INTO stats_snapshot (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, part, JSON.stringify(snap[part]));
    }
    local.query(
      `INSERT INTO stats_snapshot (k, v) VALUES ('meta', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`,
      JSON.stringify({ gen, today, fiveMinDays }),
    );
  });
  cache.set(local, snap);
  return true;
}

/** The hub's snapshot (null: none yet). Cached in memory per store. */
export function readStatsSnapshot(local: LocalStore): StatsSnapshotData | null {
  const hit = cache.get(local);
  if (hit !== undefined) return hit;
  local.query(DDL);
  const parts = Object.fromEntries(local.query<{ k: string; v: string }>(`SELECT k, v FROM stats_snapshot`).map((r) => [r.k, r.v]));
  if (!parts.meta) {
    cache.set(local, null);
    return null;
  }
  const meta = JSON.parse(parts.meta) as { gen: number; today: number; fiveMinDays: number[] };
  const part = <T>(k: string): T[] => (parts[k] ? (JSON.parse(parts[k]) as T[]) : []);
  const snap: StatsSnapshotData = {
    ...meta,
    daily: part('daily'), fiveMin: part('fiveMin'), memberDays: part('memberDays'), totals: part('totals'),
  };
  cache.set(local, snap);
  return snap;
}
