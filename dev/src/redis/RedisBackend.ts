/** A Redis command as it arrives over REST: the name then its arguments, all strings. */
export type RedisCommand = string[];

/** One command's outcome inside a pipeline or transaction, in Upstash's shape. */
export type RedisReply = { result: unknown } | { error: string };

/** An error Redis itself answers (`ERR ...`, `NOSCRIPT ...`, `WRONGTYPE ...`). */
export class RedisCommandError extends Error {
  override name = 'RedisCommandError';
}

/** What the REST endpoint runs commands on: real Redis (ioredis) or the embedded engine. */
export interface RedisBackend {
  /** Which engine this is, for the startup table and logs. */
  readonly kind: 'memory' | 'redis';
  /** Runs one command; throws {@link RedisCommandError} for errors Redis answers. */
  exec(command: RedisCommand): Promise<unknown>;
  /** Runs commands atomically (MULTI/EXEC). */
  transaction(commands: RedisCommand[]): Promise<RedisReply[]>;
  close(): Promise<void>;
}
