import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, HttpError, listen, readBody, sendJson } from '../lib/http';
import { silentLogger, type Logger } from '../lib/log';
import type { Service, ServiceOptions } from '../lib/Service';
import { IoredisBackend } from './IoredisBackend';
import { MemoryBackend } from './MemoryBackend';
import { RedisCommandError, type RedisBackend, type RedisCommand, type RedisReply } from './RedisBackend';

/** Options of {@link startRedisRest}. */
export interface RedisRestOptions extends ServiceOptions {
  /** Bearer token clients must send. */
  token: string;
  /** A real Redis to run commands on; omitted = the embedded engine. */
  redisUrl?: string;
  log?: Logger;
}

/** The endpoint: `url` and `token` are the Worker's `UPSTASH_REDIS_REST_URL`/`_TOKEN`. */
export interface RedisRestService extends Service {
  token: string;
  backend: RedisBackend['kind'];
}

function parseCommand(value: unknown): RedisCommand {
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string' || value[0] === '') {
    throw new HttpError(400, 'ERR failed to parse command: expected a non-empty JSON array starting with the command name');
  }
  return value.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new HttpError(400, 'ERR failed to parse command: arguments must be strings or numbers');
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'ERR failed to parse command: body is not valid JSON');
  }
}

/** Upstash answers with every string base64-encoded when the client asks for it. */
function encode(v: unknown, base64: boolean): unknown {
  if (!base64) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
  if (Array.isArray(v)) return v.map((x) => encode(x, base64));
  return v;
}

/**
 * Starts a local endpoint speaking the Upstash Redis REST protocol (`POST /` with a command
 * array, `/pipeline`, `/multi-exec`, and the `GET /set/k/v` path form), with bearer-token auth
 * and `Upstash-Encoding: base64` as `@upstash/redis` sends by default.
 */
export async function startRedisRest(options: RedisRestOptions): Promise<RedisRestService> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  let backend: RedisBackend;
  if (options.redisUrl) {
    const real = new IoredisBackend(options.redisUrl);
    await real.connect();
    backend = real;
  } else backend = new MemoryBackend();

  const runOne = async (command: RedisCommand): Promise<RedisReply> => {
    try {
      return { result: await backend.exec(command) };
    } catch (err) {
      if (err instanceof RedisCommandError) return { error: err.message };
      throw err;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (bearerToken(req, url) !== options.token) throw new HttpError(401, 'Unauthorized');
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const path = url.pathname.replace(/\/+$/, '');
    const reply = (r: RedisReply) => ('error' in r ? r : { result: encode(r.result, base64) });

    if (path === '/pipeline' || path === '/multi-exec') {
      const list = parseJson(body);
      if (!Array.isArray(list) || list.length === 0) throw new HttpError(400, 'ERR failed to parse pipeline request: expected an array of commands');
      const commands = list.map(parseCommand);
      const replies = path === '/pipeline' ? await sequential(commands, runOne) : await backend.transaction(commands);
      return sendJson(res, 200, replies.map(reply));
    }
    // Single command: JSON array body, or the path form /cmd/arg1/arg2 (a POST body is the last arg).
    let command: RedisCommand;
    if (path === '') command = parseCommand(parseJson(body));
    else {
      command = path.slice(1).split('/').map(decodeURIComponent);
      if (body.length > 0) command.push(body.toString('utf8'));
    }
    const r = await runOne(command);
    if ('error' in r) {
      log('debug', 'redis command failed', { command: command[0] });
      return sendJson(res, 400, r);
    }
    sendJson(res, 200, reply(r));
  }

  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(options.port, host, handle);
  } catch (err) {
    await backend.close();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${server.port}`,
    port: server.port,
    token: options.token,
    backend: backend.kind,
    stop: () => (stopped ??= server.close().then(() => backend.close())),
  };
}

async function sequential<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
