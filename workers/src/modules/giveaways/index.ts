/** What other modules may use from Giveaways. */
export { giveawaysModule } from './definition';
export { giveawaysConfigSchema, type GiveawaysConfig } from './config';
export type { Giveaway } from './data/giveawayStore';
export type { GiveawaysApi } from './api';
