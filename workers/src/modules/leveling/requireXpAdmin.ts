import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { GuildAuthority } from '../../permissions';
import type { ModuleContext } from '../../platform/ModuleContext';

/**
 * Changing members' XP (give, take, reset, import) needs Manage Server, checked on the admin's
 * roles now, the same way as `/xp` (a dashboard role grant alone is not enough).
 */
export async function requireXpAdmin(ctx: Pick<ModuleContext, 'rest' | 'appConfig'>, guildId: string, actorId: string | null): Promise<void> {
  if (!actorId) throw new HttpError(401, 'Sign in to change XP', { code: 'Unauthenticated' });
  const d = { rest: ctx.rest, redis: getRedis(ctx.appConfig), guildId };
  const [guild, roles, member] = await Promise.all([guildData.guild(d), guildData.roles(d), guildData.member(d, actorId).catch(() => null)]);
  new GuildAuthority({ guildId, ownerId: guild.owner_id, roles }, member ? { userId: actorId, roles: member.roles } : null).require(P.ManageGuild);
}
