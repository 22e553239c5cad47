import { sql } from 'drizzle-orm';
import { HttpError } from '../errors';
import { sanitizeParsed } from './sanitize';
import type { SqlExecutor } from './storeBatch';

/** One event set aside, as the dashboard lists it (payload left out: it may hold member content). */
export interface DeadLetter {
  id: number;
  eventId: string;
  type: string;
  stage: 'store' | 'process';
  error: string;
  createdAt: string;
  retriedAt: string | null;
}

/**
 * Moves events whose processing failed `maxAttempts` times out of `events` into
 * `dead_letters` (stage `process`, with their last error), in one statement, so they stop
 * being retried and show up for an admin. Returns how many moved.
 */
export async function moveExhausted(db: SqlExecutor, maxAttempts: number): Promise<number> {
  const { rows } = await db.execute(sql`
    WITH gone AS (
      DELETE FROM events WHERE processed_at IS NULL AND attempts >= ${maxAttempts}
      RETURNING event_id, guild_id, type, payload, last_error
    )
    INSERT INTO dead_letters (event_id, guild_id, type, payload, error, stage)
    SELECT event_id, guild_id, type, payload::text, coalesce(last_error, 'processing failed'), 'process' FROM gone
    ON CONFLICT (event_id) DO UPDATE SET error = excluded.error, stage = 'process', payload = excluded.payload, created_at = now(), retried_at = NULL
    RETURNING 1`);
  return rows.length;
}

/** A guild's dead letters not retried yet, newest first. */
export async function listDeadLetters(db: SqlExecutor, guildId: string, limit = 100): Promise<DeadLetter[]> {
  const { rows } = await db.execute(sql`
    SELECT id, event_id, type, stage, error, created_at, retried_at FROM dead_letters
    WHERE guild_id = ${guildId} AND retried_at IS NULL ORDER BY id DESC LIMIT ${limit}`);
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: Number(r.id), eventId: String(r.event_id), type: String(r.type), stage: r.stage as DeadLetter['stage'], error: String(r.error),
    createdAt: new Date(r.created_at as string).toISOString(), retriedAt: r.retried_at ? new Date(r.retried_at as string).toISOString() : null,
  }));
}

/** Dead letters not retried yet (all guilds): `/health` shows it. */
export async function countDeadLetters(db: SqlExecutor): Promise<number> {
  const { rows } = await db.execute(sql`SELECT count(*)::int AS n FROM dead_letters WHERE retried_at IS NULL`);
  return Number((rows[0] as { n: number }).n);
}

/**
 * Puts a dead letter back into `events` (sanitized, attempts reset) for the sweep to process
 * again, and stamps it retried. 404 when the guild has no such letter waiting.
 */
export async function retryDeadLetter(db: SqlExecutor, guildId: string, id: number): Promise<{ eventId: string }> {
  const { rows } = await db.execute(sql`SELECT event_id, type, payload FROM dead_letters WHERE id = ${id} AND guild_id = ${guildId} AND retried_at IS NULL`);
  const row = rows[0] as { event_id: string; type: string; payload: string } | undefined;
  if (!row) throw new HttpError(404, `No dead letter ${id} waiting in this server`, { code: 'DeadLetterNotFound' });
  let payload: unknown;
  try {
    payload = sanitizeParsed(row.payload, JSON.parse(row.payload));
  } catch {
    payload = { unparsable: true };
  }
  await db.execute(sql`
    WITH back AS (
      INSERT INTO events (event_id, guild_id, type, payload, received_at, attempts)
      VALUES (${row.event_id}, ${guildId}, ${row.type}, ${JSON.stringify(payload)}::jsonb, now() - interval '1 hour', 0)
      ON CONFLICT (event_id) DO UPDATE SET attempts = 0, processed_at = NULL, last_error = NULL
    )
    UPDATE dead_letters SET retried_at = now() WHERE id = ${id}`);
  return { eventId: row.event_id };
}
