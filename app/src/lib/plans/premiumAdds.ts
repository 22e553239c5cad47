/** A module's plan limits as the modules API gives them (current plan). */
export type Limits = Record<string, { limit: number; used: number }> | undefined;

/** What Premium adds, per `moduleId.limitKey`: shown on locked controls before anyone clicks. */
const ADDS: Record<string, string> = {
  'welcome.embeds': 'Premium adds embed welcome messages: a title, a colour, the member\'s avatar and a footer.',
  'welcome.autoroles': 'Premium gives more roles on join.',
  'stats.retention_days': 'Premium keeps 90 days of stats (Max: a year), so longer periods can be shown.',
  'stats.export': 'Premium adds CSV export of per-channel and per-member stats.',
  'stats.leaderboard_size': 'Premium shows the whole leaderboard, not only the top 10.',
};

/** The sentence saying what Premium adds for a limit of a module. */
export const premiumAdds = (moduleId: string, key: string) => ADDS[`${moduleId}.${key}`] ?? 'Available on Premium.';

/** True when the current plan forbids what the limit counts (limit 0). */
export const lockedBy = (limits: Limits, key: string | undefined) => !!key && limits?.[key]?.limit === 0;

/** The stats periods (days) a plan offers: those within its retention (`-1` = unlimited). */
export function periodsFor(all: number[], limits: Limits): { offered: number[]; locked: number[] } {
  const keep = limits?.retention_days?.limit;
  if (keep === undefined || keep === -1) return { offered: all, locked: [] };
  return { offered: all.filter((d) => d <= keep), locked: all.filter((d) => d > keep) };
}
