import { api } from './client';

/** Stats shapes as the Stats module's API answers them. */
export interface StatsOverview { messages: number; activeMembers: number; joins: number; leaves: number; reactions: number; voiceMinutes: number; messagesToday?: number }
export interface TimelinePoint { t: string; v: number }
export interface LeaderRow { userId: string; username?: string; value: number }
export interface ChannelRow { channelId: string; name?: string; messages: number }

const base = (g: string) => `/api/guilds/${g}/stats`;

/** Client of the Stats module's routes (one place to change if they move). */
export const statsApi = {
  overview: (g: string, days: number) => api<StatsOverview>(`${base(g)}/overview?days=${days}`),
  timeline: (g: string, metric: string, days: number) =>
    api<{ points: TimelinePoint[] }>(`${base(g)}/timeline?metric=${metric}&days=${days}&granularity=${days <= 1 ? '5m' : 'day'}`),
  channels: (g: string, days: number) => api<{ channels: ChannelRow[] }>(`${base(g)}/channels?days=${days}`),
  leaderboard: (g: string, by: 'messages' | 'voice' | 'reactions', days: number) =>
    api<{ rows: LeaderRow[] }>(`${base(g)}/leaderboard?by=${by}&days=${days}&limit=10`),
  csvUrl: (g: string, days: number) => `${base(g)}/export.csv?days=${days}`,
};
