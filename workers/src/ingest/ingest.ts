import type { Context } from 'hono';
import { Hono } from 'hono';
import { HttpError } from '../errors';
import { withDb as defaultWithDb } from '../lib/db';
import { requireConfig } from '../middleware/require-config';
import type { Config } from '../env';
import type { AppEnv } from '../types';
import { IngestBatch } from './IngestBatch';
import { sanitizeParsed } from './sanitize';
import type { SqlExecutor, StoredEvent } from './storeBatch';
import { storeSafely } from './storeSafely';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './verifySignature';
import { parseJson } from '../lib/parseJson';
import { errorFields } from '../lib/errorFields';

/** Largest accepted body: 100 events of a few KB each leave a wide margin. */
export const MAX_INGEST_BYTES = 4 * 1024 * 1024;

/** Options of {@link createIngest}. */
export interface IngestOptions {
  /**
   * Called after the events are stored and the answer is built, inside
   * `executionCtx.waitUntil`: the hook for processing (module event handlers). Receives only
   * the rows this request inserted; a failure is logged and never changes the ack.
   */
  onStored?: (events: StoredEvent[], c: Context<AppEnv>) => Promise<void>;
  /** Database access; tests pass PGlite. Defaults to the Neon pool of `lib/db`. */
  withDb?: <T>(config: Config, fn: (db: SqlExecutor) => Promise<T>) => Promise<T>;
}

/**
 * `POST /ingest`: event batches from the gateway shard (ARCHITECTURE "Security": ingest).
 * 401 for a missing, malformed, stale (±5 min), wrong or replayed signature; 413 for a body
 * over {@link MAX_INGEST_BYTES}; 400 for a batch that fails validation; else
 * `{ batchId, acked: [event ids held] }`. Nothing is stored unless all checks pass.
 */
export function createIngest(options: IngestOptions = {}): Hono<AppEnv> {
  const withDb = options.withDb ?? (defaultWithDb as unknown as NonNullable<IngestOptions['withDb']>);
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
    const batch = sanitizeParsed(body, parseJson(body, IngestBatch, 'Invalid ingest batch'));
    // The nonce is the MAC, normalized: hex is case-insensitive, so `ABC…` and `abc…` are one signature.
    const result = await withDb(c.get('config'), (db) => storeSafely(db, signature!.slice(3).toLowerCase(), batch));
    if (result.replay) {
      c.get('log').warn('ingest replay refused', { batchId: batch.batchId });
      throw new HttpError(401, 'Request already seen (replay)', { code: 'ReplayedRequest' });
    }
    c.get('log').info('ingest stored', { batchId: batch.batchId, events: batch.events.length, inserted: result.inserted.length });
    if (result.deadLettered.length > 0) c.get('log').error('ingest set events aside', { batchId: batch.batchId, deadLettered: result.deadLettered });
    if (options.onStored && result.inserted.length > 0) {
      const work = options.onStored(result.inserted, c).catch((err: Error) => c.get('log').error('ingest onStored failed', { ...errorFields(err) }));
      try {
        c.executionCtx.waitUntil(work);
      } catch {
        // No execution context (tests through app.request): the promise still runs.
      }
    }
    return c.json({ batchId: batch.batchId, acked: [...new Set(batch.events.map((e) => e.id))] });
  });
}
