/** What the platform and other modules may use from Core. */
export { coreModule } from './definition';
