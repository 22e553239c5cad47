/** Largest `POST /ingest` body the Worker takes (413 `BatchTooLarge` above). */
export const MAX_INGEST_BYTES = 4 * 1024 * 1024;
/** Most events in one batch (the Worker refuses more; the shard's default batch size). */
export const MAX_BATCH_EVENTS = 500;
