/** What other modules and the platform may use from Stats. */
export { statsModule } from './definition';
export { statsConfigSchema, type StatsConfig } from './config';
export { STATS_LIMITS, retentionDays } from './limits';
export { StatsLedger, type LocalCountResult, type PendingGeneration } from './hub/StatsLedger';
export { flushStats } from './hub/flushStats';
export type { StatsPending } from './queries/pending';
export type { StatsBatchEvent } from './events/toStatsRow';
export { runStatsRetention, type RetentionResult } from './jobs/runStatsRetention';
export { getOverview, type StatsOverview } from './queries/getOverview';
export { getTimeline, type Timeline } from './queries/getTimeline';
export { getChannelBreakdown } from './queries/getChannelBreakdown';
export { getMemberStats, type MemberStats } from './queries/getMemberStats';
export { getLeaderboard, type LeaderboardEntry } from './queries/getLeaderboard';
export { resolvePeriod, type Period } from './queries/period';
export type { StatsDb } from './db';
export type { StatsApi } from './api';
