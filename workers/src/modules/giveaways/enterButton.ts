import type { ComponentHandler } from '../../interactions/types';
import { giveawayStore } from './data/giveawayStore';
import { ENTER_PREFIX } from './giveawayMessage';
import { giveawayServices } from './giveawayServices';

/**
 * The Enter button: the member must hold a required role (when set); their entry is stored with
 * its weight (1 + the bonus entries of the roles they hold), once.
 */
export const enterButton: ComponentHandler = {
  prefix: ENTER_PREFIX,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = giveawayServices(ctx);
      const g = await giveawayStore.get(s.db, s.guildId, Number(ctx.state[0]));
      if (!g) return { content: 'This giveaway no longer exists.' };
      if (g.endedAt || Date.parse(g.endsAt) <= Date.now()) return { content: 'This giveaway has ended.' };
      const held = new Set(interaction.member?.roles ?? []);
      if (g.requiredRoles.length && !g.requiredRoles.some((r) => held.has(r))) return { content: `This giveaway is for ${g.requiredRoles.map((r) => `<@&${r}>`).join(' or ')} only.`, allowed_mentions: { parse: [] } };
      const weight = 1 + g.bonus.filter((b) => held.has(b.roleId)).reduce((a, b) => a + b.entries, 0);
      const fresh = await giveawayStore.enter(s.db, g.id, ctx.userId, weight);
      if (!fresh) return { content: 'You are already in this giveaway. Good luck!' };
      return { content: `🎉 You are in${weight > 1 ? ` with ${weight} entries` : ''}. Good luck!` };
    }, { ephemeral: true, update: false });
  },
};
