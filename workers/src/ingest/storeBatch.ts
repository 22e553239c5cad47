import { sql, type SQL } from 'drizzle-orm';
import type { IngestBatch } from './IngestBatch';

/** What `storeBatch` needs from a drizzle database (Neon in the Worker, PGlite in tests). */
export interface SqlExecutor {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

/** A row the request inserted (not one that was already there). */
export interface StoredEvent {
  rowId: number;
  eventId: string;
  type: string;
  guildId: string | null;
  payload: Record<string, unknown>;
  /** When the shard received the dispatch (ISO); the time of the event for stats such as voice minutes. */
  receivedAt: string;
}

/** Outcome of {@link storeBatch}. */
export type StoreResult = { replay: true } | { replay: false; inserted: StoredEvent[] };

/** jsonb refuses U+0000; an unescaped `\u0000` in the JSON text becomes U+FFFD instead of failing the batch. */
const NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * Records the request's nonce and inserts the batch's events in ONE statement (one round
 * trip, one transaction): a replayed nonce inserts nothing; a known event id is skipped
 * (`ON CONFLICT (event_id) DO NOTHING`), so a re-sent batch is a no-op. Every id of a
 * stored batch is then held by Postgres, inserted now or before. Only the ids of the rows
 * inserted come back (the payloads are the caller's already). `nonce` null: no replay check
 * (the split retries of {@link storeSafely}, whose nonce is recorded once). Nonces older
 * than 10 minutes are swept now and then by the same statement.
 */
export async function storeBatch(db: SqlExecutor, nonce: string | null, batch: IngestBatch, sweep = Math.random() < 0.02): Promise<StoreResult> {
  const events = JSON.stringify(batch.events.map((e) => ({ id: e.id, type: e.type, guild_id: e.guildId, received_ms: e.receivedAt ?? null, payload: e.payload }))).replace(NUL, '$1\\ufffd');
  const sweepCte = sweep ? sql`, swept AS (DELETE FROM ingest_nonces WHERE seen_at < now() - interval '10 minutes')` : sql``;
  const nonceCte = nonce === null ? sql`SELECT 1` : sql`INSERT INTO ingest_nonces (nonce, batch_id) VALUES (${nonce}, ${batch.batchId}) ON CONFLICT (nonce) DO NOTHING RETURNING 1`;
  const result = await db.execute(sql`
    WITH nonce AS (${nonceCte}), ins AS (
      INSERT INTO events (event_id, batch_id, guild_id, type, payload, received_at)
      SELECT e.id, ${batch.batchId}, e.guild_id, e.type, e.payload, coalesce(to_timestamp(e.received_ms / 1000.0), now())
      FROM jsonb_to_recordset(${events}::jsonb) AS e(id text, type text, guild_id text, received_ms double precision, payload jsonb)
      WHERE EXISTS (SELECT 1 FROM nonce)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING id, event_id, received_at
    )${sweepCte}
    SELECT (SELECT count(*) FROM nonce)::int AS fresh,
      coalesce((SELECT json_agg(json_build_array(id, event_id, received_at)) FROM ins), '[]'::json) AS inserted`);
  const row = result.rows[0] as { fresh: number; inserted: [number, string, string][] | string };
  if (Number(row.fresh) === 0) return { replay: true };
  const ids = typeof row.inserted === 'string' ? (JSON.parse(row.inserted) as [number, string, string][]) : row.inserted;
  const byId = new Map(batch.events.map((e) => [e.id, e]));
  const inserted = ids.map(([rowId, eventId, receivedAt]): StoredEvent => {
    const e = byId.get(eventId)!;
    return { rowId: Number(rowId), eventId, type: e.type, guildId: e.guildId, payload: e.payload, receivedAt: new Date(receivedAt).toISOString() };
  });
  return { replay: false, inserted };
}
