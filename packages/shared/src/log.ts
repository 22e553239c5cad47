/** Log levels in order of severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger adding `fields` to every line (e.g. `{ requestId }`, `{ shardId }`). */
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values never reach a log line: secrets, credentials, message content. */
export const REDACTED = /token|secret|password|authorization|cookie|content|signature|key/i;

/** `fields` with the values of secret-looking names replaced by `[redacted]`. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = REDACTED.test(k) ? '[redacted]' : v;
  return out;
}

/**
 * The one logger of the Worker and the shard: JSON lines bound to `base` fields, written to
 * `sink`, dropping levels below `minLevel`. Field names that look like secrets or message
 * content are redacted, in `base` as in each line's fields.
 */
export function createLogger(base: Record<string, unknown> = {}, sink: (line: string) => void = (line) => console.log(line), minLevel: LogLevel = 'debug'): Logger {
  const min = ORDER[minLevel] ?? ORDER.debug;
  const bound = redact(base);
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    sink(JSON.stringify({ level, time: new Date().toISOString(), msg, ...bound, ...redact(fields) }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => createLogger({ ...base, ...f }, sink, minLevel),
  };
}

/** A level name from the environment (`LOG_LEVEL`), or `fallback` when unset or unknown. */
export const logLevel = (value: string | undefined, fallback: LogLevel = 'info'): LogLevel => (value && value in ORDER ? (value as LogLevel) : fallback);
