/** What other modules may use from Welcome. */
export { welcomeModule } from './definition';
export { welcomeConfigSchema, type WelcomeConfig } from './config';
export { renderTemplate, buildWelcomeMessage } from './render';
export type { WelcomeApi } from './api';
