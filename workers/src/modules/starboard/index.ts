/** What other modules may use from Starboard. */
export { starboardModule } from './definition';
export { starboardConfigSchema, type StarboardConfig } from './config';
export type { BoardEntry } from './readEntries';
export type { StarboardApi } from './api';
