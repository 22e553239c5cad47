import { createHmac } from 'node:crypto';

/** Header carrying the signing time (Unix milliseconds). */
export const TIMESTAMP_HEADER = 'x-shard-timestamp';
/** Header carrying `v1=` + hex HMAC-SHA256(secret, timestamp + '.' + body). */
export const SIGNATURE_HEADER = 'x-shard-signature';
/** Body signed for the `/shard/connect` upgrade (it has no body of its own). */
export const CONNECT_BODY = 'GET /shard/connect';

/**
 * Signs a request body for the Worker (`POST /ingest`, `/shard/connect`). Every attempt is
 * signed again with a fresh timestamp, so a retry is never mistaken for a replay.
 */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${mac}` };
}
