import { ApplicationCommandOptionType as O, InteractionContextType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SlashCommand } from '../../interactions/types';
import { rolesConfigSchema } from './config';
import { authorityOf, guildFacts, rolesServices } from './guildReach';
import { publishPanel } from './publishPanel';

/**
 * `/roles panel post panel:<id>`: posts the panel, or edits its message in place. Manage Roles,
 * and every role of the panel below the member's highest (the same check as the dashboard).
 */
export const rolesCommand: SlashCommand = {
  data: {
    name: 'roles', description: 'Role panels', default_member_permissions: String(P.ManageRoles), contexts: [InteractionContextType.Guild],
    options: [{
      type: O.SubcommandGroup, name: 'panel', description: 'Role panels',
      options: [{ type: O.Subcommand, name: 'post', description: 'Post a panel, or update it where it was posted', options: [{ type: O.String, name: 'panel', description: 'The panel id', required: true, autocomplete: true }] }],
    }],
  },
  async execute(interaction, ctx) {
    const panelId = String(ctx.options.values.panel);
    return ctx.defer(async () => {
      const s = rolesServices(ctx);
      const actor = authorityOf(await guildFacts(s), ctx.userId, interaction.member!.roles);
      const r = await publishPanel(s, { actorId: ctx.userId, requestId: ctx.requestId }, actor, ctx.config, panelId, (p, ...st) => ctx.customId(p, ...st));
      return { content: `${r.action === 'edited' ? '✏️ Updated' : '📌 Posted'} panel “${r.panelId}” in <#${r.channelId}>.` };
    }, { ephemeral: true });
  },
  async autocomplete(_interaction, ctx) {
    const typed = ctx.options.focused?.value.toLowerCase() ?? '';
    return rolesConfigSchema.parse(ctx.config ?? {}).panels
      .filter((p) => p.id.includes(typed) || p.title.toLowerCase().includes(typed))
      .slice(0, 25)
      .map((p) => ({ name: `${p.id} — ${p.title}`.slice(0, 100), value: p.id }));
  },
};
