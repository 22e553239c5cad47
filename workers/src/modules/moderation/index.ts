/** What other modules may use from Moderation. */
export { moderationModule } from './definition';
export { moderationConfigSchema, type ModerationConfig } from './config';
export type { ModCase, CaseType } from './data/cases';
export type { ModNote } from './data/notes';
export type { ModerationApi } from './api';
export { takeAutomatedAction, recordAutomatedTimeout, type AutomatedAction, type AutomatedContext, type AutomatedOutcome } from './automated';
