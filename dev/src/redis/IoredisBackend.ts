import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCommandError, type RedisBackend, type RedisCommand, type RedisReply } from './RedisBackend';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/**
 * Drops a `#!lua flags=...` line: Upstash accepts flags such as `allow-key-locking` (sent by
 * `@upstash/ratelimit`) that Redis rejects, so scripts run in Redis' classic mode instead.
 * The empty line left keeps error line numbers.
 */
const stripShebang = (script: string) => (script.startsWith('#!') ? script.replace(/^#![^\n]*/, '') : script);

/** Runs commands on a real Redis (`REDIS_URL`) through ioredis. */
export class IoredisBackend implements RedisBackend {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  /** SHA1 of a script as the client sent it → SHA1 of the text Redis actually holds. */
  private readonly scriptShas = new Map<string, string>();

  constructor(redisUrl: string) {
    // Fail fast instead of queueing forever when Redis is down: the REST caller gets an error.
    this.client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3_000 });
    this.client.on('error', () => {});
  }

  /** Connects (and fails when Redis is unreachable) before the endpoint starts listening. */
  async connect(): Promise<void> {
    await this.client.connect();
  }

  async exec(command: RedisCommand): Promise<unknown> {
    try {
      return flatten(await this.client.call(...this.adapt(command)));
    } catch (err) {
      throw new RedisCommandError((err as Error).message);
    }
  }

  async transaction(commands: RedisCommand[]): Promise<RedisReply[]> {
    const multi = this.client.multi();
    try {
      for (const c of commands) multi.call(...this.adapt(c));
      const results = await multi.exec();
      return (results ?? []).map(([err, result]) => (err ? { error: err.message } : { result: flatten(result) }));
    } catch (err) {
      throw new RedisCommandError((err as Error).message);
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Rewrites scripting commands so scripts and their SHA1s behave as on Upstash. */
  private adapt(command: RedisCommand): [string, ...string[]] {
    const [name, ...args] = command as [string, ...string[]];
    const lower = name.toLowerCase();
    if (lower === 'eval' || (lower === 'script' && args[0]?.toLowerCase() === 'load')) {
      const i = lower === 'eval' ? 0 : 1;
      const original = args[i] ?? '';
      const stripped = stripShebang(original);
      this.scriptShas.set(sha1(original), sha1(stripped));
      const out = [...args];
      out[i] = stripped;
      return [name, ...out];
    }
    if (lower === 'evalsha' && args[0]) {
      return [name, this.scriptShas.get(args[0].toLowerCase()) ?? args[0], ...args.slice(1)];
    }
    return [name, ...args];
  }
}

/** ioredis turns some replies (HGETALL) into objects; the REST protocol carries the flat array. */
function flatten(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)) return Object.entries(v).flat();
  return v;
}
