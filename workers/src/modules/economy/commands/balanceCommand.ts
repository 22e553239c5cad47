import { ApplicationCommandOptionType as O, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { money } from '../config';
import { economyReads } from '../data/economyReads';
import { economyServices } from '../economyServices';

/** `/balance [member]`: a member's balance (yours by default), only to the one who asked. */
export const balanceCommand: SlashCommand = {
  data: {
    name: 'balance', description: 'Show a balance in the server’s currency', contexts: [InteractionContextType.Guild],
    options: [{ type: O.User, name: 'member', description: 'Whose balance (default: yours)' }],
  },
  async execute(_interaction, ctx) {
    const target = String(ctx.options.values.member ?? ctx.userId);
    return ctx.defer(async () => {
      const s = economyServices(ctx);
      const n = await economyReads.balance(s.db, s.guildId, target);
      return { content: target === ctx.userId ? `Your balance: **${money(s.config, n)}**.` : `<@${target}> has **${money(s.config, n)}**.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
