/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Field names whose values never reach a log line (tokens, secrets, message content). */
const REDACTED = /token|secret|password|authorization|content|signature|key/i;

/**
 * JSON-lines logger on stdout. `LOG_LEVEL` filters; field names that
 * look like secrets or message content are redacted.
 */
export function createLogger(
  base: Record<string, unknown> = {},
  sink: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  minLevel: Level = (process.env.LOG_LEVEL as Level) ?? 'info',
): Logger {
  const min = ORDER[minLevel] ?? ORDER.info;
  const write = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    const out: Record<string, unknown> = { level, time: new Date().toISOString(), msg, ...base };
    for (const [k, v] of Object.entries(fields)) out[k] = REDACTED.test(k) ? '[redacted]' : v;
    sink(JSON.stringify(out));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
