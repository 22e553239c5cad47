import { InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { money } from '../config';
import { economyServices } from '../economyServices';
import { claimDaily, work } from '../operations';

/** `/daily`: the daily pay, once per cooldown (the refusal says when to come back). */
export const dailyCommand: SlashCommand = {
  data: { name: 'daily', description: 'Claim your daily pay', contexts: [InteractionContextType.Guild] },
  async execute(_interaction, ctx) {
    return ctx.defer(async () => {
      const s = economyServices(ctx);
      const r = await claimDaily(s, ctx.userId);
      return { content: `💰 You claimed **${money(s.config, r.amount)}**. Balance: ${money(s.config, r.balances[ctx.userId]!)}.` };
    }, { ephemeral: true });
  },
};

/** `/work`: a random pay between the configured bounds, once per cooldown. */
export const workCommand: SlashCommand = {
  data: { name: 'work', description: 'Work a shift for some money', contexts: [InteractionContextType.Guild] },
  async execute(_interaction, ctx) {
    return ctx.defer(async () => {
      const s = economyServices(ctx);
      const r = await work(s, ctx.userId);
      return { content: `🛠️ You worked and earned **${money(s.config, r.amount)}**. Balance: ${money(s.config, r.balances[ctx.userId]!)}.` };
    }, { ephemeral: true });
  },
};
