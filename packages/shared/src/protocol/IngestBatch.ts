import { z } from 'zod';
import { MAX_BATCH_EVENTS } from './limits';

/** One forwarded dispatch. */
export const IngestEvent = z.object({
  /** Stable id built by the shard (Discord ids, else session:sequence): the idempotency key. */
  id: z.string().min(1).max(200),
  type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be a gateway dispatch name'),
  guildId: z.string().regex(/^\d{1,20}$/, 'must be a snowflake').nullable(),
  /** When the shard received it (Unix ms). */
  receivedAt: z.number().int().nonnegative().optional(),
  payload: z.record(z.string(), z.unknown()),
});

/** The body of `POST /ingest`. */
export const IngestBatch = z.object({
  batchId: z.string().min(1).max(100),
  events: z.array(IngestEvent).min(1).max(MAX_BATCH_EVENTS),
});

export type IngestEvent = z.infer<typeof IngestEvent>;
export type IngestBatch = z.infer<typeof IngestBatch>;
