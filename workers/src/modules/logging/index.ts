export { loggingModule } from './definition';
export { loggingConfigSchema, type LoggingConfig } from './config';
export type { LoggingApi } from './api';
/** What `hub.readLocal('logging', { recent: n })` answers: the newest messages still kept, oldest first. */
export interface LoggingRecent {
  recent: { id: string; authorId: string; authorName: string; content: string; createdAt: number }[];
}
