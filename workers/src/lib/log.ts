// The one logger lives in @edge/shared; this path stays for modules/processing (edited elsewhere).
export { createLogger, type Logger, type LogLevel } from '@edge/shared/log';
