import { api, cachedApi } from '$lib/api/client';

/** Stats shapes as the Stats module's API answers them (docs/API.md "stats"). */
export interface StatsOverview { messages: number; reactions: number; joins: number; leaves: number; voiceSeconds: number; activeMembers: number }
export interface ChannelRow { channelId: string; messages: number; reactions: number; voiceSeconds: number }
export interface TimelinePoint { t: string; value: number }
export interface LeaderRow { rank: number; userId: string; value: number }
export type Metric = 'messages' | 'reactions' | 'voice' | 'joins' | 'leaves';
export type LeaderMetric = 'messages' | 'voice' | 'reactions';
/** The period a stats answer covers; `clamped` when the plan's retention cut the asked one. */
export interface StatsPeriod { from: string; to: string; clamped: boolean }
/** One member's stats (GET …/stats/members/:userId). */
export interface MemberStats {
  userId: string;
  totals: { messages: number; reactions: number; voiceSeconds: number; joins: number; leaves: number; lastJoinedAt: string | null; lastActiveAt: string | null };
  period: { from: string; to: string; messages: number; reactions: number; voiceSeconds: number };
  messageRank: number | null;
}

const base = (g: string) => `/api/guilds/${g}/modules/stats`;

/** Client of the Stats module's routes (one place to change if they move). */
export const statsApi = {
  overview: (g: string, days: number) => api<{ overview: StatsOverview; topChannels: ChannelRow[] }>(`${base(g)}/overview?days=${days}`),
  today: (g: string) => api<{ overview: StatsOverview }>(`${base(g)}/overview?days=1`),
  timeline: (g: string, metric: Metric, days: number) =>
    api<{ unit: 'count' | 'seconds'; points: TimelinePoint[]; period: StatsPeriod }>(`${base(g)}/timeline?metric=${metric}&days=${days}&granularity=${days <= 2 ? '5m' : '1d'}`),
  channels: (g: string, days: number) => api<{ channels: ChannelRow[]; period: StatsPeriod }>(`${base(g)}/channels?days=${days}`),
  leaderboard: (g: string, metric: LeaderMetric, days: number, limit = 10) =>
    // Cached briefly: switching tabs back and forth costs no extra request.
    cachedApi<{ entries: LeaderRow[]; limit: number }>(`${base(g)}/leaderboard?metric=${metric}&period=${days}&limit=${limit}`, 15_000),
  member: (g: string, userId: string, days: number) => api<MemberStats>(`${base(g)}/members/${userId}?days=${days}`),
  csvUrl: (g: string, kind: 'channels' | 'members', days: number) => `${base(g)}/export.csv?kind=${kind}&days=${days}`,
};
