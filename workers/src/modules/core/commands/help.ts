import { InteractionContextType } from 'discord-api-types/v10';
import { reply } from '../../../interactions/reply';
import type { ComponentHandler, SlashCommand } from '../../../interactions/types';
import { HELP_PREFIX, helpPage } from '../helpPages';

/** `/help`: the commands this member may use here, grouped by module, paged with buttons. */
export const helpCommand: SlashCommand = {
  data: {
    name: 'help',
    description: 'List the commands you can use here',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  async execute(_interaction, ctx) {
    return reply.ephemeral(await helpPage(ctx, 0));
  },
};

/** The previous / next buttons of `/help`: the page travels in the signed `custom_id`. */
export const helpPageButton: ComponentHandler = {
  prefix: HELP_PREFIX,
  async execute(_interaction, ctx) {
    return reply.update(await helpPage(ctx, Number(ctx.state[0])));
  },
};
