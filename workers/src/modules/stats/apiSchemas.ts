import { z } from 'zod';
import { snowflake } from '../../platform/configFields';
import { LEADERBOARD_METRICS, TIMELINE_METRICS } from './queries/metrics';

/** The contract of the Stats routes (validated input, documented answers, the typed client's types). */
const days = z.coerce.number().int().min(1).max(366);
const iso = z.iso.datetime({ offset: true });

export const GuildParams = z.object({ guildId: snowflake });
export const MemberParams = GuildParams.extend({ userId: snowflake });
export const PeriodQuery = z.object({
  days: days.optional().meta({ description: 'The last N days (default 7)' }),
  from: iso.optional().meta({ description: 'Start (ISO 8601); clamped to the plan retention' }),
  to: iso.optional().meta({ description: 'End (ISO 8601), default now' }),
});
export const TimelineQuery = PeriodQuery.extend({
  metric: z.enum(TIMELINE_METRICS).default('messages'),
  granularity: z.enum(['5m', '1d']).default('1d'),
});
export const LeaderboardQuery = z.object({
  metric: z.enum(LEADERBOARD_METRICS).default('messages'),
  period: z.union([z.literal('all'), days]).default('all').meta({ description: '`all` (cumulative) or a number of days' }),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export const ExportQuery = PeriodQuery.extend({ kind: z.enum(['channels', 'members']).default('channels') });

export const Period = z.object({ from: z.string(), to: z.string(), clamped: z.boolean() });
export const Counts = z.object({ messages: z.number(), reactions: z.number(), voiceSeconds: z.number() });
export const Overview = Counts.extend({ from: z.string(), to: z.string(), joins: z.number(), leaves: z.number(), activeMembers: z.number() });
export const ChannelRow = Counts.extend({ channelId: z.string() });
export const OverviewAnswer = z.object({ plan: z.enum(['free', 'premium', 'max']), period: Period, overview: Overview, topChannels: z.array(ChannelRow) });
export const ChannelsAnswer = z.object({ period: Period, channels: z.array(ChannelRow) });
export const TimelineAnswer = z.object({
  period: Period,
  metric: z.enum(TIMELINE_METRICS),
  granularity: z.enum(['5m', '1d']),
  unit: z.enum(['count', 'seconds']),
  points: z.array(z.object({ t: z.string(), value: z.number() })),
});
export const MemberAnswer = z.object({
  userId: z.string(),
  totals: Counts.extend({ joins: z.number(), leaves: z.number(), lastJoinedAt: z.string().nullable(), lastActiveAt: z.string().nullable() }),
  period: Counts.extend({ from: z.string(), to: z.string() }),
  messageRank: z.number().nullable(),
});
export const MemberDailyAnswer = z.object({
  period: Period,
  days: z.array(Counts.extend({ day: z.string() })),
});
export const LeaderboardAnswer = z.object({
  metric: z.enum(LEADERBOARD_METRICS),
  period: z.union([Period, z.literal('all')]),
  limit: z.number(),
  entries: z.array(z.object({ rank: z.number(), userId: z.string(), value: z.number() })),
});
export const FlushAnswer = z.object({
  statements: z.number().int().meta({ description: 'Statements sent to Postgres (0: nothing was waiting)' }),
  pending: z.boolean().meta({ description: 'Counts still waiting in the hub (a failed part retries on the next flush)' }),
});
