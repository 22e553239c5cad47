import { ApplicationCommandOptionType as O, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { money } from '../config';
import { economyServices } from '../economyServices';
import { pay } from '../operations';
import { resolvedUser } from './resolvedUser';

/** `/pay member amount`: moves money to another member, atomically; never more than your balance. */
export const payCommand: SlashCommand = {
  data: {
    name: 'pay', description: 'Give some of your money to another member', contexts: [InteractionContextType.Guild],
    options: [
      { type: O.User, name: 'member', description: 'Who receives it', required: true },
      { type: O.Integer, name: 'amount', description: 'How much', required: true, min_value: 1, max_value: 1_000_000_000 },
    ],
  },
  async execute(interaction, ctx) {
    const to = resolvedUser(interaction, String(ctx.options.values.member));
    const amount = Number(ctx.options.values.amount);
    return ctx.defer(async () => {
      const s = economyServices(ctx);
      const r = await pay(s, ctx.userId, to, amount);
      return { content: `✅ You paid **${money(s.config, amount)}** to <@${to.id}>. Your balance: ${money(s.config, r.balances[ctx.userId]!)}.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true });
  },
};
