import { z } from 'zod';
import type { GuildAuthority } from '../../permissions';
import { actorAuthority } from '../access/actorAuthority';
import { botAuthority } from '../access/botAuthority';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { deps } from '../deps';
import { botUserId } from '../discord/botUser';
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

const capabilities = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/capabilities',
  tags: ['guild'],
  summary: 'Permissions and highest role of the acting user and of the bot, to offer only what both may do',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(z.object({ ownerId: z.string(), actor: Reach, bot: Reach })),
});

/**
 * What the acting admin and the bot can each do on this server (the same {@link GuildAuthority}
 * the API enforces), so the dashboard offers only actions both can carry out and says why not.
 */
export const capabilityRoutes = coreApi().openapi(capabilities, async (c) => {
  const [actor, bot, botId] = await Promise.all([actorAuthority(c), botAuthority(c), botUserId(deps(c))]);
  return c.json({ ownerId: actor.guild.ownerId, actor: toReach(actor), bot: { ...toReach(bot), userId: botId } }, 200);
});
