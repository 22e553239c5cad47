import { sql } from 'drizzle-orm';
import { moveExhausted } from '../../ingest/deadLetters';
import type { ProcessResult } from './processStoredEvents';
import { processStoredEvents, type ProcessDeps } from './processStoredEvents';
import type { ProcessableEvent } from './ProcessableEvent';

/** Options of {@link sweepUnprocessed}. */
export interface SweepOptions {
  /** Events younger than this are left to the `waitUntil` processing still running. */
  minAgeMs?: number;
  /** Give up on an event after this many attempts (its `last_error` stays for the admin). */
  maxAttempts?: number;
  limit?: number;
}

/**
 * The cron sweep: processes events `/ingest` stored but nobody finished (a handler failed, the
 * isolate died in `waitUntil`), oldest first, a bounded number per run. Events that used up
 * their attempts move to `dead_letters` first (an admin sees and can retry them).
 */
export async function sweepUnprocessed(deps: ProcessDeps, options: SweepOptions = {}): Promise<ProcessResult & { picked: number; deadLettered: number }> {
  const deadLettered = await moveExhausted(deps.db, options.maxAttempts ?? 5);
  if (deadLettered > 0) deps.log.error('events set aside after repeated failures', { deadLettered });
  const minAge = Math.max(0, Math.floor((options.minAgeMs ?? 60_000) / 1000));
  const { rows } = await deps.db.execute(sql`
    SELECT event_id AS "eventId", type, guild_id AS "guildId", payload, received_at AS "receivedAt"
    FROM events
    WHERE processed_at IS NULL AND attempts < ${options.maxAttempts ?? 5}
      AND received_at <= now() - make_interval(secs => ${minAge})
    ORDER BY received_at, id LIMIT ${options.limit ?? 300}`);
  const events = rows as unknown as ProcessableEvent[];
  if (events.length === 0) return { picked: 0, processed: 0, failed: [], deadLettered };
  const result = await processStoredEvents(events, deps);
  deps.log.info('ingest sweep', { picked: events.length, processed: result.processed, failed: result.failed.length });
  return { picked: events.length, ...result, deadLettered };
}
