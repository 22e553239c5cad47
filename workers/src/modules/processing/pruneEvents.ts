import { sql } from 'drizzle-orm';
import type { SqlExecutor } from '../../ingest/storeBatch';

/**
 * Deletes processed raw events older than `hours` (what must last is in the aggregates, the
 * audit log and the idempotency claims), at most `limit` rows per call so one cron run stays
 * short. Unprocessed events are never pruned (the sweep or the dead letters own them). The
 * retention must outlast the shard's re-send window (its retries within minutes), since the
 * event id's unique key is what makes a re-sent batch a no-op.
 */
export async function pruneEvents(db: SqlExecutor, hours: number, limit = 50_000): Promise<number> {
  const { rows } = await db.execute(sql`
    WITH gone AS (
      DELETE FROM events WHERE id IN (
        SELECT id FROM events WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(hours => ${hours}) LIMIT ${limit}
      ) RETURNING 1
    ) SELECT count(*)::int AS n FROM gone`);
  return Number((rows[0] as { n: number }).n);
}
