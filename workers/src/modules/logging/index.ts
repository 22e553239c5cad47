export { loggingModule } from './definition';
export { loggingConfigSchema, type LoggingConfig } from './config';
export type { LoggingApi } from './api';
