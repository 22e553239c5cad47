import { ApplicationCommandOptionType as O, InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../../../interactions/types';
import { economyConfigSchema, money } from '../config';
import { economyServices } from '../economyServices';
import { buy } from '../operations';

/**
 * `/shop list` shows the items and roles for sale; `/shop buy item` pays and, for a role, gives
 * it (checked before paying; refunded if Discord refuses anyway).
 */
export const shopCommand: SlashCommand = {
  data: {
    name: 'shop', description: 'The server’s shop', contexts: [InteractionContextType.Guild],
    options: [
      { type: O.Subcommand, name: 'list', description: 'What is for sale' },
      { type: O.Subcommand, name: 'buy', description: 'Buy an item or a role', options: [{ type: O.String, name: 'item', description: 'The item’s name', required: true, autocomplete: true, max_length: 50 }] },
    ],
  },
  async execute(interaction, ctx) {
    const s = economyServices(ctx);
    if (ctx.options.subcommand === 'list') {
      const lines = s.config.shop.map((i) => `**${i.name}** — ${money(s.config, i.price)}${i.roleId ? ` · gives <@&${i.roleId}>` : ''}${i.description ? `\n${i.description}` : ''}`);
      return ctx.defer(async () => ({
        embeds: [{ title: '🛒 Shop', description: lines.length ? lines.join('\n\n').slice(0, 4096) : 'Nothing for sale yet.', footer: { text: 'Buy with /shop buy' } }],
        allowed_mentions: { parse: [] },
      }), { ephemeral: true });
    }
    const name = String(ctx.options.values.item);
    return ctx.defer(async () => {
      const { item, posted } = await buy(s, { id: ctx.userId, roles: interaction.member!.roles }, name);
      return {
        content: `🛍️ You bought **${item.name}** for ${money(s.config, item.price)}${item.roleId ? ` and got <@&${item.roleId}>` : ''}. Balance: ${money(s.config, posted.balances[ctx.userId]!)}.`,
        allowed_mentions: { parse: [] },
      };
    }, { ephemeral: true });
  },
  async autocomplete(_interaction, ctx) {
    const typed = ctx.options.focused?.value.toLowerCase() ?? '';
    const c = economyConfigSchema.parse(ctx.config ?? {});
    return c.shop.filter((i) => i.name.toLowerCase().includes(typed)).slice(0, 25).map((i) => ({ name: `${i.name} — ${money(c, i.price)}`.slice(0, 100), value: i.name }));
  },
};
