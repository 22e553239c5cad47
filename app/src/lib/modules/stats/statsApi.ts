import { cachedApi } from '$lib/api/client';
import { json, moduleClient } from '$lib/api/moduleClient';
import type { StatsApi } from '@edge/workers/modules/stats';

/** A timeline metric and a leaderboard metric, as the Stats routes accept them. */
export type Metric = 'messages' | 'reactions' | 'voice' | 'joins' | 'leaves';
export type LeaderMetric = 'messages' | 'voice' | 'reactions';

const client = (g: string) => moduleClient<StatsApi>(g, 'stats');
const param = (g: string) => ({ guildId: g });

/** The Stats routes through the typed client: shapes come from the module's route declarations. */
export const statsApi = {
  overview: (g: string, days: number) => json(client(g).overview.$get({ param: param(g), query: { days: String(days) } })),
  today: (g: string) => json(client(g).overview.$get({ param: param(g), query: { days: '1' } })),
  timeline: (g: string, metric: Metric, days: number) =>
    json(client(g).timeline.$get({ param: param(g), query: { metric, days: String(days), granularity: days <= 2 ? '5m' : '1d' } })),
  channels: (g: string, days: number) => json(client(g).channels.$get({ param: param(g), query: { days: String(days) } })),
  leaderboard: (g: string, metric: LeaderMetric, days: number, limit = 10) =>
    // Cached briefly: switching tabs back and forth costs no extra request.
    cachedApi(`/api/guilds/${g}/modules/stats/leaderboard?metric=${metric}&period=${days}&limit=${limit}`, 15_000, () =>
      json(client(g).leaderboard.$get({ param: param(g), query: { metric, period: String(days), limit: String(limit) } })),
    ),
  member: (g: string, userId: string, days: number) => json(client(g).members[':userId'].$get({ param: { ...param(g), userId }, query: { days: String(days) } })),
  /** A member's activity per UTC day, zeros included (the member page's chart). */
  memberDaily: (g: string, userId: string, days: number) =>
    json(client(g).members[':userId'].daily.$get({ param: { ...param(g), userId }, query: { days: String(days) } })),
  /** A plain link (the browser downloads it), so no client call. */
  csvUrl: (g: string, kind: 'channels' | 'members', days: number) => `/api/guilds/${g}/modules/stats/export.csv?kind=${kind}&days=${days}`,
};
