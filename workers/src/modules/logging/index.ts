export { loggingModule } from './definition';
export { loggingConfigSchema, type LoggingConfig } from './config';
