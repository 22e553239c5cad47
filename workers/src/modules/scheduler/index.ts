/** What other modules may use from the Scheduler. */
export { schedulerModule } from './definition';
export { schedulerConfigSchema, type SchedulerConfig, type ScheduledPost } from './config';
export type { SchedulerApi } from './api';
export type { Reminder } from './data/schedulerStore';
export { parseDuration } from './duration';
