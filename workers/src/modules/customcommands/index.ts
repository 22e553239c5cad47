/** What other modules may use from Custom commands. */
export { customCommandsModule } from './definition';
export { customCommandsConfigSchema, type CustomCommandsConfig, type CustomCommand, type AutoResponder } from './config';
export type { CustomCommandsApi } from './api';
