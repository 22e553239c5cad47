/** What other code may use from Automod. */
export { automodModule } from './definition';
export { automodConfigSchema, type AutomodConfig } from './config';
export type { AutomodApi } from './api';
