/** What other modules may use from Polls. */
export { pollsModule } from './definition';
export { pollsConfigSchema, type PollsConfig } from './config';
export type { Poll } from './data/pollStore';
export type { PollsApi } from './api';
