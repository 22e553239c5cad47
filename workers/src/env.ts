import { z } from 'zod';

const url = z.url();
const nonEmpty = z.string().min(1);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`), `must be ${bytes * 2} hex characters`);

/**
 * The Worker's variables and secrets, validated once per isolate.
 * The one place a variable is named: `.dev.vars.example` documents each of them.
 */
export const ConfigSchema = z.object({
  DATABASE_URL: url,
  NEON_WS_PROXY: z.string().optional(),
  UPSTASH_REDIS_REST_URL: url,
  UPSTASH_REDIS_REST_TOKEN: nonEmpty,
  QSTASH_URL: url,
  QSTASH_TOKEN: nonEmpty,
  QSTASH_CURRENT_SIGNING_KEY: nonEmpty,
  QSTASH_NEXT_SIGNING_KEY: nonEmpty,
  DISCORD_API_BASE: z.string().optional(),
  DISCORD_OAUTH_BASE: z.string().optional(),
  DISCORD_APPLICATION_ID: nonEmpty,
  DISCORD_PUBLIC_KEY: hex(32),
  DISCORD_BOT_TOKEN: nonEmpty,
  DISCORD_CLIENT_ID: nonEmpty,
  DISCORD_CLIENT_SECRET: nonEmpty,
  SHARD_SECRET: z.string().min(16, 'must be at least 16 characters'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  TOKEN_ENCRYPTION_KEY: hex(32),
  BOT_OWNER_IDS: z.string().default(''),
  PUBLIC_URL: url,
  WORKER_SELF_URL: url.optional(),
  /** Hours delivered raw events are kept in the EventInbox (their ids de-duplicate re-sent batches) before they are pruned. */
  EVENTS_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24),
  /** Milliseconds the EventInbox waits before delivering a stored batch (0: at once). The budget bench sets it to measure the ack and the delivery apart. */
  INBOX_DELIVERY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * Minutes between the guild hubs' flushes of hot counters (Stats) to Postgres, on the wall
   * clock (every hub of the deployment flushes in the same minute, so Neon sleeps in between).
   */
  STATS_FLUSH_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  /** Shard count of coordinated shard processes; unset: the first process's (its `SHARD_COUNT`, else `/gateway/bot`'s recommendation). */
  SHARD_COUNT: z.coerce.number().int().min(1).max(65_536).optional(),
  /** Milliseconds a coordinated shard process stays owner of its shards without a heartbeat; then they move to the others. */
  SHARD_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** One identify per `max_concurrency` bucket per this many milliseconds, across all shard processes (Discord: 5 s). */
  SHARD_IDENTIFY_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
});

/** Validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** Bindings declared in wrangler.toml plus the string variables. */
export interface Env extends Partial<Record<keyof Config, string>> {
  GUILD_HUB: DurableObjectNamespace;
  SHARD_COORDINATOR: DurableObjectNamespace;
  EVENT_INBOX: DurableObjectNamespace;
  /** The free-tier meter (`durable/Meter.ts`); optional so test Workers without it still run. */
  METER?: DurableObjectNamespace;
  ASSETS?: Fetcher;
}

/** The result of validating the environment: the config, or the names of what is wrong. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

const cache = new WeakMap<object, ConfigResult>();

/**
 * Validates `env` against {@link ConfigSchema}, caching the result per env object
 * (one per isolate in production) so the hot path pays for it once.
 */
export function readConfig(env: Env): ConfigResult {
  const hit = cache.get(env);
  if (hit) return hit;
  const strings: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = (env as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string' && v !== '') strings[key] = v;
  }
  const parsed = ConfigSchema.safeParse(strings);
  const result: ConfigResult = parsed.success
    ? { ok: true, config: parsed.data }
    : {
        ok: false,
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code === 'invalid_type' ? 'missing' : i.message}`),
      };
  cache.set(env, result);
  return result;
}
