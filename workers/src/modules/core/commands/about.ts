import { InteractionContextType } from 'discord-api-types/v10';
import { version } from '../../../../../package.json';
import { reply } from '../../../interactions/reply';
import type { SlashCommand } from '../../../interactions/types';

/** `/about`: which instance this is, its version, and the modules on in this server. */
export const aboutCommand: SlashCommand = {
  data: {
    name: 'about',
    description: 'About this bot: instance, version and modules on here',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  async execute(_interaction, ctx) {
    const on = ctx.modules.filter((m) => m.alwaysOn || (ctx.guildId && ctx.guild.modules[m.id]?.enabled));
    return reply.ephemeral({
      embeds: [
        {
          title: 'About this bot',
          fields: [
            { name: 'Instance', value: new URL(ctx.appConfig.PUBLIC_URL).host, inline: true },
            { name: 'Version', value: version, inline: true },
            { name: ctx.guildId ? 'Modules on in this server' : 'Modules', value: on.map((m) => `${m.icon} ${m.name}`).join('\n') || 'none' },
          ],
        },
      ],
    });
  },
};
