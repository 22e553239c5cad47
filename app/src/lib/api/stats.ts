import { api } from './client';

/** Stats shapes as the Stats module's API answers them (docs/API.md "stats"). */
export interface StatsOverview { messages: number; reactions: number; joins: number; leaves: number; voiceSeconds: number; activeMembers: number }
export interface ChannelRow { channelId: string; messages: number; reactions: number; voiceSeconds: number }
export interface TimelinePoint { t: string; value: number }
export interface LeaderRow { rank: number; userId: string; value: number }
export type Metric = 'messages' | 'reactions' | 'voice' | 'joins' | 'leaves';

const base = (g: string) => `/api/guilds/${g}/modules/stats`;

/** Client of the Stats module's routes (one place to change if they move). */
export const statsApi = {
  overview: (g: string, days: number) => api<{ overview: StatsOverview; topChannels: ChannelRow[] }>(`${base(g)}/overview?days=${days}`),
  today: (g: string) => api<{ overview: StatsOverview }>(`${base(g)}/overview?days=1`),
  timeline: (g: string, metric: Metric, days: number) =>
    api<{ unit: 'count' | 'seconds'; points: TimelinePoint[] }>(`${base(g)}/timeline?metric=${metric}&days=${days}&granularity=${days <= 2 ? '5m' : '1d'}`),
  channels: (g: string, days: number) => api<{ channels: ChannelRow[] }>(`${base(g)}/channels?days=${days}`),
  leaderboard: (g: string, metric: 'messages' | 'voice' | 'reactions', days: number) =>
    api<{ entries: LeaderRow[] }>(`${base(g)}/leaderboard?metric=${metric}&period=${days}&limit=10`),
  csvUrl: (g: string, kind: 'channels' | 'members', days: number) => `${base(g)}/export.csv?kind=${kind}&days=${days}`,
};
