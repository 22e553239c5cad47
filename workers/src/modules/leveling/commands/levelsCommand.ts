import { ApplicationCommandOptionType as O, InteractionContextType, InteractionResponseType } from 'discord-api-types/v10';
import type { ComponentHandler, InteractionContext, SlashCommand } from '../../../interactions/types';
import type { LevelingConfig } from '../config';
import type { LevelingRead } from '../hub/readLeveling';
import { LEVELS_PAGE_SIZE, LEVELS_PREFIX, levelsPage } from './levelsPage';

async function page(ctx: InteractionContext, requested: number) {
  const read = async (p: number) => (await ctx.hub!.readLocal<LevelingRead>('leveling', { offset: p * LEVELS_PAGE_SIZE, limit: LEVELS_PAGE_SIZE })).value;
  let p = Math.max(0, requested);
  let value = await read(p);
  if (!('entries' in value)) throw new Error('unexpected leveling read');
  // Past the end (members left the ranking since): the last page.
  const last = Math.max(0, Math.ceil(value.total / LEVELS_PAGE_SIZE) - 1);
  if (p > last) {
    p = last;
    value = await read(p);
    if (!('entries' in value)) throw new Error('unexpected leveling read');
  }
  return levelsPage(ctx.config as LevelingConfig, p, value.entries, value.total, (prefix, ...state) => ctx.customId(prefix, ...state));
}

/** `/levels [page]`: the server's leaderboard by XP, ten per page, with page buttons. */
export const levelsCommand: SlashCommand = {
  data: {
    name: 'levels', description: 'The server’s leaderboard by XP', contexts: [InteractionContextType.Guild],
    options: [{ type: O.Integer, name: 'page', description: 'Page to open (default: 1)', min_value: 1, max_value: 1000 }],
  },
  async execute(_interaction, ctx) {
    const requested = typeof ctx.options.values.page === 'number' ? ctx.options.values.page - 1 : 0;
    return { type: InteractionResponseType.ChannelMessageWithSource, data: await page(ctx, requested) };
  },
};

/** The leaderboard's Previous / Next buttons: the message is updated in place with that page. */
export const levelsPageComponent: ComponentHandler = {
  prefix: LEVELS_PREFIX,
  async execute(_interaction, ctx) {
    return { type: InteractionResponseType.UpdateMessage, data: await page(ctx, Number(ctx.state[0] ?? 0)) };
  },
};
