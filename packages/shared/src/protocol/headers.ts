/** Header carrying the signing time (Unix milliseconds). */
export const TIMESTAMP_HEADER = 'x-shard-timestamp';
/** Header carrying `v1=` + hex HMAC-SHA256(SHARD_SECRET, timestamp + '.' + body). */
export const SIGNATURE_HEADER = 'x-shard-signature';
/** Body signed for the `/shard/connect` upgrade (it has no body of its own). */
export const CONNECT_BODY = 'GET /shard/connect';
/** How far a signing time may be from now (either way). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
