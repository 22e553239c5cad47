import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { botUserId } from '../../../api/discord/botUser';
import { discordCall } from '../../../api/discord/botRest';
import { guildData } from '../../../api/discord/guildData';
import type { ComponentHandler } from '../../../interactions/types';
import { getRedis } from '../../../lib/redis';
import { GuildAuthority } from '../../../permissions';

/** The `custom_id` prefix of custom commands' role buttons (state: role id, action). */
export const ROLE_BUTTON = 'cc.role';

/**
 * A click on a role button under a custom command's answer: gives, takes or toggles the role
 * for the member who clicked, when the bot may (Manage Roles, the role below its highest and
 * not managed); the member alone is told what changed.
 */
export const roleButton: ComponentHandler = {
  prefix: ROLE_BUTTON,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const [roleId, action] = ctx.state as [string, 'toggle' | 'give' | 'remove'];
      const d = { rest: ctx.rest, redis: getRedis(ctx.appConfig), guildId: ctx.guildId!, config: ctx.appConfig };
      const [guild, roles, botId] = await Promise.all([guildData.guild(d), guildData.roles(d), botUserId(d)]);
      const role = roles.find((r) => r.id === roleId);
      if (!role) return { content: 'This role no longer exists.' };
      const bot = await guildData.member(d, botId).then((m) => new GuildAuthority({ guildId: d.guildId, ownerId: guild.owner_id, roles }, { userId: botId, roles: m.roles }));
      if (!bot.has(P.ManageRoles) || role.managed || role.id === d.guildId || role.position >= bot.topPosition) {
        return { content: `I cannot give or take “${role.name}”: an admin must put my role above it and give me Manage Roles.`, allowed_mentions: { parse: [] } };
      }
      const has = (interaction.member?.roles ?? []).includes(roleId);
      const add = action === 'give' || (action === 'toggle' && !has);
      if (add === has) return { content: has ? `You already have ${role.name}.` : `You do not have ${role.name}.`, allowed_mentions: { parse: [] } };
      const userId = ctx.userId;
      const reason = 'Custom command role button';
      await discordCall(() => (add ? ctx.rest.put(Routes.guildMemberRole(d.guildId, userId, roleId), { reason }) : ctx.rest.delete(Routes.guildMemberRole(d.guildId, userId, roleId), { reason })));
      return { content: add ? `✅ You now have ${role.name}.` : `✅ ${role.name} was removed.`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true, update: false });
  },
};
