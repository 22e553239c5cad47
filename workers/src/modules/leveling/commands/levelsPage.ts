import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import type { LevelingConfig } from '../config';
import { levelOf } from '../curve';
import type { XpEntry } from '../hub/readLeveling';

/** Members per leaderboard page. */
export const LEVELS_PAGE_SIZE = 10;
/** The `custom_id` prefix of the leaderboard's page buttons. */
export const LEVELS_PREFIX = 'leveling.levels';

const medal = (rank: number) => (rank === 1 ? '🥇' : rank === 2 ? '🥈' : rank === 3 ? '🥉' : `**#${rank}**`);

/** One page of the leaderboard as an embed with Previous / Next buttons (state: the page to open). */
export async function levelsPage(config: LevelingConfig, page: number, entries: XpEntry[], total: number, customId: (prefix: string, ...state: string[]) => Promise<string>) {
  const pages = Math.max(1, Math.ceil(total / LEVELS_PAGE_SIZE));
  const lines = entries.map((e) => `${medal(e.rank ?? 0)} <@${e.userId}> · level **${levelOf(config, e.xp).level}** · ${e.xp.toLocaleString('en-US')} XP`);
  const button = async (label: string, target: number, disabled: boolean): Promise<APIButtonComponent> => ({
    type: ComponentType.Button, style: ButtonStyle.Secondary, label, disabled, custom_id: await customId(LEVELS_PREFIX, String(target)),
  });
  const row: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [await button('◀ Previous', page - 1, page <= 0), await button('Next ▶', page + 1, page >= pages - 1)],
  };
  return {
    embeds: [{ title: '🏆 Levels', description: lines.length > 0 ? lines.join('\n') : 'Nobody has earned XP yet: chat or join a voice channel!', color: 0x5865f2, footer: { text: `Page ${page + 1} of ${pages} · ${total} members` } }],
    components: total > LEVELS_PAGE_SIZE ? [row] : [],
    allowed_mentions: { parse: [] as [] },
  };
}
