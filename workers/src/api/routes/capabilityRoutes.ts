import { z } from 'zod';
import { GuildAuthority } from '../../permissions';
import { actorAuthority } from '../access/actorAuthority';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { botUserId } from '../discord/botUser';
import { guildData } from '../discord/guildData';
import { GuildParams } from '../schemas';

const Reach = z.object({
  userId: z.string(),
  /** Guild-level permissions, a decimal bitfield. */
  permissions: z.string(),
  /** Position of the highest role; null for the owner (above every role). */
  topPosition: z.number().nullable(),
  roles: z.array(z.string()),
});

const toReach = (a: GuildAuthority) => ({
  userId: a.actor?.userId ?? '',
  permissions: String(a.permissions),
  topPosition: Number.isFinite(a.topPosition) ? a.topPosition : null,
  roles: [...(a.actor?.roles ?? [])],
});

/**
 * What the acting admin and the bot can each do on this server (the same {@link GuildAuthority}
 * the API enforces), so the dashboard offers only actions both can carry out and says why not.
 */
export const capabilityRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/capabilities',
    tag: 'guild',
    summary: 'Permissions and highest role of the acting user and of the bot, to offer only what both may do',
    requires: 'view',
    params: GuildParams,
    response: z.object({ ownerId: z.string(), actor: Reach, bot: Reach }),
    handler: async (c) => {
      const d = deps(c);
      const actor = await actorAuthority(c);
      const botId = await botUserId(d);
      const botMember = await guildData.member(d, botId).catch(() => null);
      const bot = new GuildAuthority(actor.guild, botMember ? { userId: botId, roles: botMember.roles } : null);
      return c.json({ ownerId: actor.guild.ownerId, actor: toReach(actor), bot: { ...toReach(bot), userId: botId } });
    },
  }),
];
