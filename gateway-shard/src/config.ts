import { MAX_BATCH_EVENTS } from '@edge/shared/protocol';

/**
 * The shard's settings, read from the environment (`npm run shard`) or passed to
 * `startShard()`. Every knob has a default that fits a small host.
 *
 * Parsed by hand rather than with zod: the rules are a handful of integers, strings and
 * lists, and zod's module graph costs about 4 MB of RSS for the life of a process that
 * otherwise needs none of it (see gateway-shard/README.md, "Memory").
 */
export interface ShardEnv {
  DISCORD_BOT_TOKEN: string;
  /** REST base, e.g. `http://127.0.0.1:8790/api` for the simulator; unset = real Discord. */
  DISCORD_API_BASE?: string;
  WORKER_URL: string;
  SHARD_SECRET: string;
  SHARD_SPOOL_PATH: string;
  SHARD_PORT: number;
  SHARD_HOST: string;
  /** Shard ids this process holds; default: all of `SHARD_COUNT`. */
  SHARD_IDS?: string[];
  /** Total shard count; default: Discord's recommendation from `/gateway/bot`. */
  SHARD_COUNT?: number;
  /** Intents bitfield used until the Worker sends one (see `intents.ts`). */
  SHARD_INTENTS?: number;
  SHARD_BATCH_MAX_EVENTS: number;
  SHARD_BATCH_MAX_WAIT_MS: number;
  SHARD_BATCH_CONCURRENCY: number;
  /** Event types sent at once instead of waiting for a full batch. */
  SHARD_PRIORITY_EVENTS?: string[];
  /** Priority events arriving within this window share one request. */
  SHARD_PRIORITY_WAIT_MS: number;
  /** Largest priority batch: a raid's joins go out in slices, each within one invocation's subrequest budget. */
  SHARD_PRIORITY_MAX_EVENTS: number;
  SHARD_SPOOL_MAX_ROWS: number;
  SHARD_SPOOL_MAX_AGE_MS: number;
  /** `NORMAL` survives a process crash (kill -9); `FULL` also survives power loss. */
  SHARD_SPOOL_SYNC: 'NORMAL' | 'FULL';
  SHARD_RETRY_MAX_MS: number;
  /**
   * `0` ignores the Worker's config: the shard forwards every event. In static mode the
   * `/shard/connect` WebSocket is then not opened; coordinated mode opens it anyway (it
   * carries the coordination).
   */
  SHARD_CONFIG_LINK: '0' | '1';
  /**
   * `static`: this process runs `SHARD_IDS` of `SHARD_COUNT` on its own. `coordinated`: it
   * registers with the Worker's ShardCoordinator and runs the shards it is assigned (several
   * processes on several hosts share the shards, a dead one's move to the others).
   */
  SHARD_MODE: 'static' | 'coordinated';
  /** This process's id in the coordinator (default: host name and pid). A stable id lets a restart keep its shards. */
  SHARD_PROCESS_ID?: string;
}

/** Defaults of every optional number (the budget bench models the shard's batching with them). */
export const SHARD_DEFAULTS = {
  SHARD_PORT: 8791,
  // Bulk events (stats) wait up to a minute or 500 events: one Worker request carries ~10x
  // more than with 5 s, which is what makes the free tiers' daily request quotas fit.
  SHARD_BATCH_MAX_EVENTS: MAX_BATCH_EVENTS,
  SHARD_BATCH_MAX_WAIT_MS: 60_000,
  SHARD_BATCH_CONCURRENCY: 2,
  SHARD_PRIORITY_WAIT_MS: 50,
  SHARD_PRIORITY_MAX_EVENTS: 15,
  SHARD_SPOOL_MAX_ROWS: 500_000,
  SHARD_SPOOL_MAX_AGE_MS: 7 * 24 * 3_600_000,
  SHARD_RETRY_MAX_MS: 30_000,
} as const;

/**
 * Event types flushed at once by default: joins (Welcome answers within seconds) and automod
 * actions must not wait for the bulk lane's minute. Add MESSAGE_CREATE when the automod module
 * reacts to messages (costs more Worker requests).
 */
export const DEFAULT_PRIORITY_EVENTS = ['AUTO_MODERATION_ACTION_EXECUTION', 'GUILD_MEMBER_ADD'];

const isUrl = (v: string): string | null => {
  try {
    new URL(v);
    return null;
  } catch {
    return 'must be a URL';
  }
};

/** Reads and validates the settings, naming every wrong variable (never printing values). */
export function loadShardEnv(env: Record<string, unknown>): ShardEnv {
  const problems: string[] = [];
  const raw = (key: string): string | undefined => {
    const v = env[key];
    if (v === undefined || v === null || v === '') return undefined;
    return Array.isArray(v) ? v.join(',') : String(v);
  };
  const required = (key: string, check?: (v: string) => string | null): string => {
    const v = raw(key);
    if (v === undefined) problems.push(`${key}: missing`);
    else {
      const problem = check?.(v);
      if (problem) problems.push(`${key}: ${problem}`);
    }
    return v ?? '';
  };
  const int = (key: string, def: number | undefined, min = 0): number | undefined => {
    const v = raw(key);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) problems.push(`${key}: must be an integer ≥ ${min}`);
    return n;
  };
  const list = (key: string) => raw(key)?.split(',').map((x) => x.trim()).filter(Boolean);
  const oneOf = <T extends string>(key: string, allowed: readonly T[], def: T): T => {
    const v = raw(key) ?? def;
    if (!allowed.includes(v as T)) problems.push(`${key}: must be one of ${allowed.join(', ')}`);
    return v as T;
  };

  const ints = Object.fromEntries(Object.entries(SHARD_DEFAULTS).map(([k, d]) => [k, int(k, d)])) as { [K in keyof typeof SHARD_DEFAULTS]: number };
  const out: ShardEnv = {
    DISCORD_BOT_TOKEN: required('DISCORD_BOT_TOKEN'),
    DISCORD_API_BASE: raw('DISCORD_API_BASE'),
    WORKER_URL: required('WORKER_URL', isUrl),
    SHARD_SECRET: required('SHARD_SECRET', (v) => (v.length >= 16 ? null : 'must be at least 16 characters')),
    SHARD_SPOOL_PATH: raw('SHARD_SPOOL_PATH') ?? '.data/shard-spool.sqlite',
    SHARD_HOST: raw('SHARD_HOST') ?? '127.0.0.1',
    SHARD_IDS: list('SHARD_IDS'),
    SHARD_COUNT: int('SHARD_COUNT', undefined, 1),
    SHARD_INTENTS: int('SHARD_INTENTS', undefined),
    SHARD_PRIORITY_EVENTS: list('SHARD_PRIORITY_EVENTS'),
    SHARD_SPOOL_SYNC: oneOf('SHARD_SPOOL_SYNC', ['NORMAL', 'FULL'], 'NORMAL'),
    SHARD_CONFIG_LINK: oneOf('SHARD_CONFIG_LINK', ['0', '1'], '1'),
    SHARD_MODE: oneOf('SHARD_MODE', ['static', 'coordinated'], 'static'),
    SHARD_PROCESS_ID: raw('SHARD_PROCESS_ID'),
    ...ints,
  };
  if (out.SHARD_BATCH_MAX_EVENTS > MAX_BATCH_EVENTS) problems.push(`SHARD_BATCH_MAX_EVENTS: the Worker takes at most ${MAX_BATCH_EVENTS} events per batch`);
  if (out.SHARD_MODE === 'coordinated') {
    if (out.SHARD_IDS) problems.push('SHARD_IDS: the coordinator assigns the shards in coordinated mode; leave it unset');
  }
  if (out.SHARD_PROCESS_ID !== undefined && !/^[\w.:-]{1,100}$/.test(out.SHARD_PROCESS_ID)) problems.push('SHARD_PROCESS_ID: letters, digits, _ . : - only (at most 100)');
  if (problems.length) throw new Error(`Invalid shard configuration: ${problems.join('; ')}`);
  return out;
}
