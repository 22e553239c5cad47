import { createHash, randomUUID } from 'node:crypto';
import RedisMock from 'ioredis-mock';
import { RedisCommandError, type RedisBackend, type RedisCommand, type RedisReply } from './RedisBackend';
import { luaResultToRedis, prepareScript } from './luaCompat';
import { mockCompat } from './mockCompat';

type MockClient = Record<string, unknown> & { flushall(): Promise<unknown>; disconnect(): void };

/**
 * The embedded engine: ioredis-mock (its command set and its Lua VM, fengari), with the
 * scripting commands handled here so they behave like Redis 7 for `@upstash/ratelimit`:
 * EVALSHA looks up scripts by the SHA1 of their original text (NOSCRIPT otherwise), and
 * scripts are adapted by {@link prepareScript}. Commands run one at a time, so a script or a
 * MULTI/EXEC block is atomic as in Redis.
 */
export class MemoryBackend implements RedisBackend {
  readonly kind = 'memory' as const;
  // ioredis-mock shares data between instances with the same host:port; a unique host isolates each stack.
  private readonly client = new (RedisMock as unknown as new (o: object) => MockClient)({ host: `mem-${randomUUID()}`, lazyConnect: false });
  private readonly scripts = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  exec(command: RedisCommand): Promise<unknown> {
    return this.serial(() => this.run(command));
  }

  transaction(commands: RedisCommand[]): Promise<RedisReply[]> {
    return this.serial(async () => {
      const replies: RedisReply[] = [];
      for (const c of commands) {
        try {
          replies.push({ result: await this.run(c) });
        } catch (err) {
          replies.push({ error: (err as Error).message });
        }
      }
      return replies;
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await this.client.flushall();
    this.client.disconnect();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  private async run(command: RedisCommand): Promise<unknown> {
    const data = (this.client as unknown as { data: { get(k: string): unknown } }).data;
    const [rawName, ...args] = mockCompat(command, (key) => {
      const v = data.get(key);
      return typeof v === 'string' ? v : undefined;
    });
    const name = rawName!.toLowerCase();
    switch (name) {
      case 'eval':
        return this.evalScript(args[0] ?? '', args.slice(1));
      case 'evalsha': {
        const script = this.scripts.get((args[0] ?? '').toLowerCase());
        if (!script) throw new RedisCommandError('NOSCRIPT No matching script. Please use EVAL.');
        return this.evalScript(script, args.slice(1));
      }
      case 'script':
        return this.scriptCommand(args);
      case 'hgetall': {
        const obj = (await this.call(name, args)) as Record<string, string>;
        return Object.entries(obj ?? {}).flat();
      }
      default:
        return this.call(name, args);
    }
  }

  private async call(name: string, args: string[]): Promise<unknown> {
    const fn = this.client[name];
    if (typeof fn !== 'function' || name.startsWith('_') || name === 'disconnect' || name === 'quit') {
      throw new RedisCommandError(`ERR unknown command '${name}'`);
    }
    try {
      return normalize(await (fn as (...a: string[]) => Promise<unknown>).apply(this.client, args));
    } catch (err) {
      const msg = (err as Error).message;
      throw new RedisCommandError(/^[A-Z]+ /.test(msg) ? msg : `ERR ${msg}`);
    }
  }

  private async evalScript(script: string, rest: string[]): Promise<unknown> {
    const numKeys = Number(rest[0]);
    if (!Number.isInteger(numKeys) || numKeys < 0 || numKeys > rest.length - 1) {
      throw new RedisCommandError('ERR Number of keys can\'t be greater than number of args');
    }
    this.scripts.set(sha1(script), script);
    const result = await this.call('eval', [prepareScript(script), ...rest]);
    return luaResultToRedis(result);
  }

  private scriptCommand([sub = '', ...args]: string[]): unknown {
    switch (sub.toLowerCase()) {
      case 'load': {
        const sha = sha1(args[0] ?? '');
        this.scripts.set(sha, args[0] ?? '');
        return sha;
      }
      case 'exists':
        return args.map((sha) => (this.scripts.has(sha.toLowerCase()) ? 1 : 0));
      case 'flush':
        this.scripts.clear();
        return 'OK';
      default:
        throw new RedisCommandError(`ERR unknown subcommand '${sub}'. Try SCRIPT HELP.`);
    }
  }
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** Buffers become strings, as the REST protocol carries text. */
function normalize(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (Array.isArray(v)) return v.map(normalize);
  return v;
}
