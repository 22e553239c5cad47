import { z } from 'zod';

const int = (def: number) => z.coerce.number().int().nonnegative().default(def);
const list = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined));

/**
 * The shard's settings, read from the environment (`npm run shard`) or passed to
 * `startShard()`. Every knob has a default that fits a small host.
 */
export const ShardEnvSchema = z.object({
  DISCORD_BOT_TOKEN: z.string().min(1),
  /** REST base, e.g. `http://127.0.0.1:8790/api` for the simulator; empty = real Discord. */
  DISCORD_API_BASE: z.string().optional(),
  WORKER_URL: z.url(),
  SHARD_SECRET: z.string().min(16, 'must be at least 16 characters'),
  SHARD_SPOOL_PATH: z.string().default('.data/shard-spool.sqlite'),
  SHARD_PORT: int(8791),
  SHARD_HOST: z.string().default('127.0.0.1'),
  /** Comma list of shard ids this process holds; default: all of `SHARD_COUNT`. */
  SHARD_IDS: list,
  /** Total shard count; default: Discord's recommendation from `/gateway/bot`. */
  SHARD_COUNT: z.coerce.number().int().positive().optional(),
  /** Intents bitfield used until the Worker sends one (see `defaultIntents`). */
  SHARD_INTENTS: z.coerce.number().int().nonnegative().optional(),
  SHARD_BATCH_MAX_EVENTS: int(100),
  SHARD_BATCH_MAX_WAIT_MS: int(5_000),
  SHARD_BATCH_CONCURRENCY: int(2),
  /** Event types sent at once instead of waiting for a full batch. */
  SHARD_PRIORITY_EVENTS: list,
  /** Priority events arriving within this window share one request. */
  SHARD_PRIORITY_WAIT_MS: int(50),
  SHARD_SPOOL_MAX_ROWS: int(500_000),
  SHARD_SPOOL_MAX_AGE_MS: int(7 * 24 * 3_600_000),
  /** `NORMAL` survives a process crash (kill -9); `FULL` also survives power loss. */
  SHARD_SPOOL_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  SHARD_RETRY_MAX_MS: int(30_000),
  /** `0` disables the config WebSocket (the shard then forwards every event). */
  SHARD_CONFIG_LINK: z.coerce.string().pipe(z.enum(['0', '1'])).default('1'),
});

/** Parsed settings. */
export type ShardEnv = z.infer<typeof ShardEnvSchema>;

/**
 * Event types flushed at once by default: automod actions must not wait 5 s. Add
 * MESSAGE_CREATE when the automod module reacts to messages (costs more Worker requests).
 */
export const DEFAULT_PRIORITY_EVENTS = ['AUTO_MODERATION_ACTION_EXECUTION'];

/** Reads and validates the settings, naming every wrong variable (never printing values). */
export function loadShardEnv(env: Record<string, unknown>): ShardEnv {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') clean[k] = Array.isArray(v) ? v.join(',') : v;
  const parsed = ShardEnvSchema.safeParse(clean);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code === 'invalid_type' ? 'missing' : i.message}`);
    throw new Error(`Invalid shard configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
