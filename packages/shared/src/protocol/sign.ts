import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './headers';

/**
 * Signs a request body for the Worker (`POST /ingest`, `/shard/connect`). Every attempt is
 * signed again with a fresh timestamp, so a retry is never mistaken for a replay.
 */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${mac}` };
}
