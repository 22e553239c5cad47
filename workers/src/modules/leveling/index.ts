/** What other modules and the platform may use from Leveling. */
export { levelingModule } from './definition';
export { levelingConfigSchema, type LevelingConfig } from './config';
export { levelOf, xpForLevel, messageXp, type LevelProgress } from './curve';
export { XpLedger } from './hub/XpLedger';
export type { LevelingRead, XpEntry } from './hub/readLeveling';
export type { LevelingApi } from './api';
