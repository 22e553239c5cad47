/**
 * Parts of the Worker that other workspaces assemble into small test Workers (the database
 * fixture of `dev`, the ingest fixture of `gateway-shard` with the real EventInbox):
 * `@edge/workers/embed`.
 */
export { readConfig, type Env } from './env';
export { errorResponse, onError } from './errors';
export { health } from './health/health';
export { withDb } from './lib/db';
export { requestContext } from './middleware/request-context';
export type { AppEnv } from './types';
export { createIngest } from './ingest/ingest';
export { shardConnect } from './ingest/shardConnect';
export { ShardCoordinator, shardCoordinator } from './durable/ShardCoordinator';
export { EventInbox } from './durable/EventInbox';
export { Meter } from './durable/Meter';
export type { ProcessableEvent } from './platform/processing/ProcessableEvent';
export type { ProcessResult } from './platform/processing/processStoredEvents';
