import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Signatures of accepted ingest requests (before the EventInbox, which keeps them in its own
 * SQLite now; nothing writes this table any more).
 */
export const ingestNonces = pgTable(
  'ingest_nonces',
  {
    nonce: text('nonce').primaryKey(),
    batchId: text('batch_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ingest_nonces_seen_idx').on(t.seenAt)],
);

/**
 * Events set aside so they never block the pipeline: the EventInbox writes one whose delivery
 * kept failing (`stage` `process`; `store` is from before the inbox), with the error. The
 * payload is kept as text (sanitized), so anything the shard sent fits. Retrying hands the
 * event back to the EventInbox and stamps `retried_at`.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    guildId: text('guild_id'),
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    error: text('error').notNull(),
    stage: text('stage').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retriedAt: timestamp('retried_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('dead_letters_event_id_uq').on(t.eventId), index('dead_letters_guild_idx').on(t.guildId, t.createdAt)],
);
