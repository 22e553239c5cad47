import { createRequire } from 'node:module';
import commands from '@ioredis/commands';
import { RedisCommandError, type RedisCommand } from './RedisBackend';

// Redis' command table (arity etc.), shipped by the package ioredis uses for the same purpose.
const commandsTable = createRequire(import.meta.url)('@ioredis/commands/built/commands.json') as Record<string, { arity: number }>;

const INTEGER_VALUE = new Set(['incr', 'incrby', 'decr', 'decrby']);
const SET_OPTIONS = new Set(['ex', 'px', 'nx', 'xx', 'keepttl', 'get', 'exat', 'pxat']);
const SCRIPTING = new Set(['eval', 'evalsha', 'script']);

/**
 * Checks and adapts a command before ioredis-mock runs it, where the mock is laxer than Redis:
 * arity (from Redis' own command table in `@ioredis/commands`), integer values for INCR and
 * friends, and lower-case SET options (`@upstash/redis` sends `ex`; the mock reads only `EX`).
 * Returns the command to run; throws {@link RedisCommandError} with Redis' message otherwise.
 */
export function mockCompat(command: RedisCommand, currentValue: (key: string) => string | undefined): RedisCommand {
  const name = command[0]!.toLowerCase();
  if (!commands.exists(name) && !SCRIPTING.has(name)) throw new RedisCommandError(`ERR unknown command '${command[0]}'`);
  if (commands.exists(name)) {
    const arity = commandsTable[name]?.arity ?? 0;
    const n = command.length;
    if ((arity > 0 && n !== arity) || (arity < 0 && n < -arity)) {
      throw new RedisCommandError(`ERR wrong number of arguments for '${name}' command`);
    }
  }
  if (INTEGER_VALUE.has(name)) {
    const v = currentValue(command[1]!);
    if (v !== undefined && !/^-?\d+$/.test(v)) throw new RedisCommandError('ERR value is not an integer or out of range');
    if ((name === 'incrby' || name === 'decrby') && !/^-?\d+$/.test(command[2]!)) {
      throw new RedisCommandError('ERR value is not an integer or out of range');
    }
  }
  if (name === 'set') {
    return command.map((arg, i) => (i >= 3 && SET_OPTIONS.has(arg.toLowerCase()) ? arg.toUpperCase() : arg));
  }
  return command;
}

