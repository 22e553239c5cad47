/** What other modules may use from Economy. */
export { economyModule } from './definition';
export { economyConfigSchema, type EconomyConfig, type ShopItem } from './config';
export type { EconomyApi } from './api';
export type { LedgerLine } from './data/economyReads';
