import { z } from 'zod';

/**
 * Resume state of one shard's Discord session as far as the Worker acknowledged it: a process
 * that takes the shard over resumes from `sequence`, and Discord replays everything after it.
 */
export const ShardResumeState = z.object({
  sessionId: z.string().min(1).max(200),
  /** Every dispatch up to this sequence was acknowledged by the Worker or not needed. */
  sequence: z.number().int().nonnegative(),
  resumeURL: z.string().min(1).max(500),
  shardCount: z.number().int().min(1),
});

const shardId = z.number().int().min(0).max(65_535);
const resumeMap = z.record(z.string().regex(/^\d{1,5}$/), ShardResumeState);

/**
 * What a coordinated shard process sends over its `/shard/connect` link (the upgrade is signed
 * like the batches, so the socket is authenticated): registration, lease heartbeats carrying
 * resume states, resume states after acknowledged batches, shards it released, identify-slot
 * requests, a close code 4011 (sharding required) and its graceful stop.
 */
export const FleetUp = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    processId: z.string().regex(/^[\w.:-]{1,100}$/),
    /** The process's configured `SHARD_COUNT`, if any. */
    shardCount: z.number().int().min(1).max(65_536).optional(),
    /** `/gateway/bot`'s `shards` and `max_concurrency`, as the process read them. */
    recommendedShards: z.number().int().min(1).max(65_536).optional(),
    maxConcurrency: z.number().int().min(1).max(1_024).optional(),
  }),
  z.object({ type: z.literal('heartbeat'), resume: resumeMap.optional() }),
  z.object({ type: z.literal('resume'), resume: resumeMap }),
  z.object({ type: z.literal('released'), shards: z.array(shardId).max(1_024), resume: resumeMap.optional() }),
  z.object({ type: z.literal('identify'), shardId, nonce: z.string().min(1).max(100) }),
  /** A graceful stop: the process closed its shards resumably; they move at once instead of when the lease ends. */
  z.object({ type: z.literal('bye'), resume: resumeMap.optional() }),
  z.object({ type: z.literal('reshard'), shardId, shardCount: z.number().int().min(1).max(65_536), code: z.number().int(), recommendedShards: z.number().int().min(1).max(65_536).optional() }),
]);

/** What the coordinator sends a coordinated process. */
export type FleetDown =
  | {
      type: 'assignment';
      /** Bumped by every change of the fleet; logs only. */
      epoch: number;
      shardCount: number;
      maxConcurrency: number;
      /** Shards this process must run now; any other it runs must be stopped (resumably) and released. */
      shards: number[];
      /** Where to resume each of them (absent: identify). */
      resume: Record<string, ShardResumeState>;
      leaseMs: number;
    }
  | { type: 'lease'; leaseMs: number }
  | { type: 'identify'; nonce: string; granted: boolean; retryAfterMs: number };

export type ShardResumeState = z.infer<typeof ShardResumeState>;
export type FleetUp = z.infer<typeof FleetUp>;
