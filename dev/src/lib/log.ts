/** A structured log line sink: one JSON object per line, never secrets or payloads. */
export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Logger writing JSON lines to stderr, tagged with the service name. */
export const jsonLogger =
  (service: string): Logger =>
  (level, msg, fields) => {
    process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), service, msg, ...fields })}\n`);
  };

/** Logger that drops everything (the default in tests). */
export const silentLogger: Logger = () => {};
