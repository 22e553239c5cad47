// The one logger lives in @edge/shared; this path stays for platform/processing.
export { createLogger, type Logger, type LogLevel } from '@edge/shared/log';
