/** Log levels in order of severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: one JSON object per line, always carrying the request id. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Field names whose values never reach a log line. */
const REDACTED = /token|secret|password|authorization|cookie|content|signature|key/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = REDACTED.test(k) ? '[redacted]' : v;
  return out;
}

/**
 * Creates a JSON-lines logger bound to `base` fields (typically `{ requestId }`).
 * Field names that look like secrets or message content are redacted.
 */
export function createLogger(base: Record<string, unknown> = {}, sink: (line: string) => void = console.log): Logger {
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ level, time: new Date().toISOString(), msg, ...redact(base), ...redact(fields) }));
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => createLogger({ ...base, ...f }, sink),
  };
}
