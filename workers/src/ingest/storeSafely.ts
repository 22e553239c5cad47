import { sql } from 'drizzle-orm';
import type { IngestBatch, IngestEvent } from './IngestBatch';
import { storeBatch, type SqlExecutor, type StoreResult, type StoredEvent } from './storeBatch';

/** What {@link storeSafely} did: {@link StoreResult} plus the events set aside. */
export type SafeStoreResult = { replay: true } | { replay: false; inserted: StoredEvent[]; deadLettered: { eventId: string; error: string }[] };

const message = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);

/** Sets one event aside in `dead_letters` (payload as text: it always fits). */
async function deadLetter(db: SqlExecutor, e: IngestEvent, err: unknown, stage: 'store' | 'process'): Promise<void> {
  await db.execute(sql`
    INSERT INTO dead_letters (event_id, guild_id, type, payload, error, stage)
    VALUES (${e.id}, ${e.guildId}, ${e.type}, ${JSON.stringify(e.payload)}, ${message(err)}, ${stage})
    ON CONFLICT (event_id) DO NOTHING`);
}

/**
 * {@link storeBatch}, but one bad event can never block the pipeline: when the batch's
 * statement fails, the nonce is recorded alone and the events are stored in halves, down to
 * the single event; an event that still fails is set aside in `dead_letters` with its error
 * (and counts as held: the shard may forget it). A failure to reach the database at all is
 * still thrown (the shard retries the whole batch later).
 */
export async function storeSafely(db: SqlExecutor, nonce: string, batch: IngestBatch): Promise<SafeStoreResult> {
  let first: unknown;
  try {
    const r = await storeBatch(db, nonce, batch);
    return r.replay ? r : { ...r, deadLettered: [] };
  } catch (err) {
    first = err;
  }
  if (batch.events.length === 0) throw first;
  const { rows } = await db.execute(sql`INSERT INTO ingest_nonces (nonce, batch_id) VALUES (${nonce}, ${batch.batchId}) ON CONFLICT (nonce) DO NOTHING RETURNING 1`);
  if (rows.length === 0) return { replay: true };
  const inserted: StoredEvent[] = [];
  const deadLettered: { eventId: string; error: string }[] = [];
  const store = async (events: IngestEvent[]): Promise<void> => {
    try {
      const r: StoreResult = await storeBatch(db, null, { batchId: batch.batchId, events }, false);
      if (!r.replay) inserted.push(...r.inserted);
    } catch (err) {
      if (events.length > 1) {
        const half = Math.ceil(events.length / 2);
        await store(events.slice(0, half));
        return store(events.slice(half));
      }
      await deadLetter(db, events[0]!, err, 'store');
      deadLettered.push({ eventId: events[0]!.id, error: message(err) });
    }
  };
  await store(batch.events);
  return { replay: false, inserted, deadLettered };
}
