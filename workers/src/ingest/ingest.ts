import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError } from '../errors';
import { requireConfig } from '../middleware/require-config';
import type { AppEnv } from '../types';
import { eventInbox, type EventInboxRpc } from './inbox/eventInbox';
import { MAX_INGEST_BYTES, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@edge/shared/protocol';

/** Options of {@link createIngest}. */
export interface IngestOptions {
  /** The inbox batches go to; tests pass an in-process one. Defaults to the `EventInbox` Durable Object. */
  inbox?: (c: Context<AppEnv>) => Pick<EventInboxRpc, 'accept'>;
}

/**
 * `POST /ingest`: event batches from the gateway shard (ARCHITECTURE "Security": ingest).
 * 401 for a missing, malformed, stale (±5 min), wrong or replayed signature; 413 for a body
 * over {@link MAX_INGEST_BYTES}; 400 for a batch that fails validation; else
 * `{ batchId, acked: [event ids held] }`. The Worker only checks the size and the signature
 * and hands the raw body to the EventInbox, which parses, refuses replays, stores the batch
 * in one SQLite transaction and delivers it to the guild hubs later (its alarm): an O(1) ack
 * with no database. Nothing is stored unless all checks pass.
 */
export function createIngest(options: IngestOptions = {}): Hono<AppEnv> {
  const inboxOf = options.inbox ?? ((c: Context<AppEnv>) => eventInbox(c.env));
  return new Hono<AppEnv>().post('/', requireConfig(), async (c) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_INGEST_BYTES) throw new HttpError(413, `Batch over ${MAX_INGEST_BYTES} bytes`, { code: 'BatchTooLarge' });
    const body = await c.req.text();
    if (body.length > MAX_INGEST_BYTES) throw new HttpError(413, `Batch over ${MAX_INGEST_BYTES} bytes`, { code: 'BatchTooLarge' });
    const signature = c.req.header(SIGNATURE_HEADER);
    const problem = await verifySignature(c.get('config').SHARD_SECRET, c.req.header(TIMESTAMP_HEADER), signature, body);
    if (problem) {
      c.get('log').warn('ingest signature refused', { problem });
      throw new HttpError(401, `Invalid shard signature (${problem})`, { code: 'InvalidSignature' });
    }
    // The nonce is the MAC, normalized: hex is case-insensitive, so `ABC…` and `abc…` are one signature.
    const result = await inboxOf(c).accept(signature!.slice(3).toLowerCase(), body);
    if (!result.ok) {
      if (result.code === 'ReplayedRequest') c.get('log').warn('ingest replay refused');
      throw new HttpError(result.status as ContentfulStatusCode, result.message, { code: result.code, details: result.details });
    }
    c.get('log').info('ingest stored', { batchId: result.batchId, events: result.events, stored: result.stored });
    return c.json({ batchId: result.batchId, acked: result.acked });
  });
}
