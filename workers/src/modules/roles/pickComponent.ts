import { ComponentType } from 'discord-api-types/v10';
import type { ComponentHandler } from '../../interactions/types';
import { rolesServices } from './guildReach';
import { applyPick } from './applyPick';
import { findPanel } from './publishPanel';
import { PICK_PREFIX } from './panelMessage';

const mention = (ids: string[]) => ids.map((id) => `<@&${id}>`).join(', ');

/**
 * A click on a panel's button (state: panel id, role id) or a choice in its menu (state: panel
 * id; the values are role ids): applies the pick and tells the member, only them, what changed
 * or why nothing did.
 */
export const pickComponent: ComponentHandler = {
  prefix: PICK_PREFIX,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const [panelId, roleId] = ctx.state;
      const panel = findPanel(ctx.config, panelId!);
      const data = interaction.data;
      const picked = data.component_type === ComponentType.StringSelect ? data.values : roleId ? [roleId] : [];
      const member = interaction.member!;
      const change = await applyPick(rolesServices(ctx), { panel, userId: member.user.id, held: member.roles, picked });
      const lines = [change.add.length ? `✅ Added ${mention(change.add)}.` : '', change.remove.length ? `➖ Removed ${mention(change.remove)}.` : ''].filter(Boolean);
      if (lines.length === 0) {
        return { content: panel.mode === 'add' ? 'You already have that role.' : panel.mode === 'remove' ? 'You do not have that role.' : 'Nothing to change.', allowed_mentions: { parse: [] } };
      }
      return { content: lines.join('\n'), allowed_mentions: { parse: [] } };
    }, { ephemeral: true, update: false });
  },
};
