import type { Channel, GroupedChannels } from '../api/shapes';

/** Channel types the dashboard shows, with a label and the icon Discord uses. */
export const CHANNEL_TYPES: Record<number, { label: string; icon: string }> = {
  0: { label: 'Text', icon: '#' },
  2: { label: 'Voice', icon: '🔊' },
  4: { label: 'Category', icon: '▾' },
  5: { label: 'Announcement', icon: '📢' },
  13: { label: 'Stage', icon: '🎙' },
  15: { label: 'Forum', icon: '💬' },
  11: { label: 'Thread', icon: '🧵' },
  12: { label: 'Thread', icon: '🧵' },
};

/** Why a channel the bot cannot see matters, and how to fix it (tooltips and picker warnings). */
export const BOT_BLIND_HINT =
  'The bot lacks View Channel here (after its roles and this channel’s permission overwrites), so it cannot read, post or act in it. To fix it, allow View Channel for the bot’s role in this channel’s permissions.';

/** True when the channel list says the bot cannot see this channel (unknown counts as visible). */
export const botBlind = (c: Pick<Channel, 'botCanView'> | undefined): boolean => c?.botCanView === false;

/** The channel list as the API groups it. */
export type { GroupedChannels };

/** Every channel of the grouped list, categories included, in display order. */
export const flattenChannels = (g: GroupedChannels): Channel[] => [...g.uncategorized, ...g.categories.flatMap((c) => [c.category, ...c.channels])];

/** How many channels of each type (threads counted together), for the type filter. */
export function countByType(channels: Channel[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of channels) {
    const t = c.type === 12 ? 11 : c.type;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** Whether a channel passes the type filter (`null` = all types; 11 covers both thread types). */
export const matchesType = (c: Channel, type: number | null) => type === null || c.type === type || (type === 11 && c.type === 12);
