import type { APIEmbed } from 'discord-api-types/v10';
import type { LeaderboardEntry } from '../queries/getLeaderboard';
import type { MemberStats } from '../queries/getMemberStats';
import type { LeaderboardMetric } from '../queries/metrics';
import type { ChannelStats } from '../queries/getChannelBreakdown';
import type { StatsOverview } from '../queries/getOverview';

const COLOR = 0x5865f2;
const n = (v: number) => v.toLocaleString('en-US');

/** Seconds as `2 h 05 min` / `12 min` / `40 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const clampedNote = (clamped: boolean, days: number) => (clamped ? `Your plan keeps ${days} days of stats.` : undefined);

/** `/stats server`: the guild's totals over the period and its busiest channels. */
export function serverEmbed(o: StatsOverview, channels: ChannelStats[], days: number, clamped: boolean, keptDays: number): APIEmbed {
  const top = channels.slice(0, 5).map((c, i) => `${i + 1}. <#${c.channelId}> · ${n(c.messages)} messages`);
  return {
    title: `Server activity · last ${days} day${days === 1 ? '' : 's'}`,
    color: COLOR,
    fields: [
      { name: 'Messages', value: n(o.messages), inline: true },
      { name: 'Active members', value: n(o.activeMembers), inline: true },
      { name: 'Reactions', value: n(o.reactions), inline: true },
      { name: 'Voice', value: formatDuration(o.voiceSeconds), inline: true },
      { name: 'Joins', value: n(o.joins), inline: true },
      { name: 'Leaves', value: n(o.leaves), inline: true },
      ...(top.length ? [{ name: 'Busiest channels', value: top.join('\n') }] : []),
    ],
    footer: { text: clampedNote(clamped, keptDays) ?? `${o.from.slice(0, 16)}Z → ${o.to.slice(0, 16)}Z` },
  };
}

/** `/stats member`: one member's period and all-time counts. */
export function memberEmbed(m: MemberStats, days: number): APIEmbed {
  const t = m.totals;
  return {
    title: 'Member activity',
    description: `<@${m.userId}>${m.messageRank ? ` · #${m.messageRank} by messages` : ''}`,
    color: COLOR,
    fields: [
      { name: `Messages (${days} d)`, value: n(m.period.messages), inline: true },
      { name: `Reactions (${days} d)`, value: n(m.period.reactions), inline: true },
      { name: `Voice (${days} d)`, value: formatDuration(m.period.voiceSeconds), inline: true },
      { name: 'Messages (all time)', value: n(t.messages), inline: true },
      { name: 'Reactions (all time)', value: n(t.reactions), inline: true },
      { name: 'Voice (all time)', value: formatDuration(t.voiceSeconds), inline: true },
      ...(t.lastActiveAt ? [{ name: 'Last active', value: `<t:${Math.floor(Date.parse(t.lastActiveAt) / 1000)}:R>`, inline: true }] : []),
    ],
  };
}

const LABEL: Record<LeaderboardMetric, string> = { messages: 'messages', voice: 'voice time', reactions: 'reactions' };

/** `/leaderboard`: the top members by a metric. */
export function leaderboardEmbed(metric: LeaderboardMetric, entries: LeaderboardEntry[], periodLabel: string): APIEmbed {
  const fmt = (v: number) => (metric === 'voice' ? formatDuration(v) : n(v));
  const lines = entries.map((e) => `**${e.rank}.** <@${e.userId}> · ${fmt(e.value)}`);
  return {
    title: `Leaderboard · ${LABEL[metric]} · ${periodLabel}`,
    color: COLOR,
    description: lines.length ? lines.join('\n') : 'Nobody yet.',
  };
}
