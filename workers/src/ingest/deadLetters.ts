import { sql, type SQL } from 'drizzle-orm';
import { HttpError } from '../errors';
import type { LetterInput } from './inbox/InboxCore';

/** What the dead-letter queries need from a drizzle database (Neon in the Worker, PGlite in tests). */
export interface SqlExecutor {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

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
 * Writes events the EventInbox set aside (they kept failing) to `dead_letters`, stage
 * `process`, in one statement: the only Postgres write of the event path, and a rare one. A
 * letter already there (set aside again after a retry) is refreshed and listed again.
 */
export async function insertDeadLetters(db: SqlExecutor, letters: LetterInput[]): Promise<void> {
  if (letters.length === 0) return;
  const rows = JSON.stringify(letters.map((l) => ({ event_id: l.eventId, guild_id: l.guildId, type: l.type, payload: l.payload, error: l.error })));
  await db.execute(sql`
    INSERT INTO dead_letters (event_id, guild_id, type, payload, error, stage)
    SELECT event_id, guild_id, type, payload, error, 'process'
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(event_id text, guild_id text, type text, payload text, error text)
    ON CONFLICT (event_id) DO UPDATE SET error = excluded.error, stage = 'process', payload = excluded.payload, created_at = now(), retried_at = NULL`);
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
 * Hands a dead letter back to the event path (`redeliver`: the EventInbox, attempts reset;
 * its effects still run at most once) and stamps it retried. 404 when the guild has no such
 * letter waiting.
 */
export async function retryDeadLetter(
  db: SqlExecutor,
  guildId: string,
  id: number,
  redeliver: (letter: Omit<LetterInput, 'error'>) => Promise<void>,
): Promise<{ eventId: string }> {
  const { rows } = await db.execute(sql`SELECT event_id, type, payload FROM dead_letters WHERE id = ${id} AND guild_id = ${guildId} AND retried_at IS NULL`);
  const row = rows[0] as { event_id: string; type: string; payload: string } | undefined;
  if (!row) throw new HttpError(404, `No dead letter ${id} waiting in this server`, { code: 'DeadLetterNotFound' });
  await redeliver({ eventId: row.event_id, guildId, type: row.type, payload: row.payload });
  await db.execute(sql`UPDATE dead_letters SET retried_at = now() WHERE id = ${id}`);
  return { eventId: row.event_id };
}
