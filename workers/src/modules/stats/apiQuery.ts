import { z } from 'zod';
import { StatsError } from './StatsError';
import { LEADERBOARD_METRICS, TIMELINE_METRICS } from './queries/metrics';

const date = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const days = z.coerce.number().int().min(1).max(366);

/** Query string of every period-based route: `days` (last N days) or `from`/`to` (ISO). */
export const periodQuery = z.object({ days: days.optional(), from: date.optional(), to: date.optional() });

export const timelineQuery = periodQuery.extend({
  metric: z.enum(TIMELINE_METRICS).default('messages'),
  granularity: z.enum(['5m', '1d']).default('1d'),
});

export const leaderboardQuery = z.object({
  metric: z.enum(LEADERBOARD_METRICS).default('messages'),
  /** `all` (cumulative) or a number of days. */
  period: z.union([z.literal('all'), days]).default('all'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const exportQuery = periodQuery.extend({ kind: z.enum(['channels', 'members']).default('channels') });

/** Validates a query string; a bad one is a 400 `StatsInvalidQuery` listing each issue. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new StatsError('StatsInvalidQuery', 'Invalid query parameters', { issues });
  }
  return parsed.data;
}
