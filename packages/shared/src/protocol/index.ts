/**
 * The shard–Worker protocol (`POST /ingest`, `GET /shard/connect`): header names, the HMAC
 * signature check, the batch schema and the size limits, in one place for both sides. The
 * Node-only signer is `@edge/shared/protocol/sign`.
 */
export { CONNECT_BODY, SIGNATURE_HEADER, SIGNATURE_WINDOW_MS, TIMESTAMP_HEADER } from './headers';
export { IngestBatch, IngestEvent } from './IngestBatch';
export { FleetUp, ShardResumeState, type FleetDown } from './fleet';
export { MAX_BATCH_EVENTS, MAX_INGEST_BYTES } from './limits';
export { verifySignature, type SignatureProblem } from './verifySignature';
