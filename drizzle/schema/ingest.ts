import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Signatures of accepted ingest requests, kept a little longer than the 5-minute signing
 * window: a request whose signature is here is a replay. Written in the same statement as
 * the events, so a failed store never blocks the shard's (re-signed) retry.
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
