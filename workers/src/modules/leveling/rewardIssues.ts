import { guildData } from '../../api/discord/guildData';
import { botUserId } from '../../api/discord/botUser';
import { getRedis } from '../../lib/redis';
import { GuildAuthority } from '../../permissions';
import type { ModuleContext } from '../../platform/ModuleContext';
import type { LevelingConfig } from './config';
import { botRoleBlock } from './effects/botRoleCheck';

/**
 * The reward roles the bot could not give now, with why (the same check the level-ups run): the
 * dashboard warns before a member reaches the level.
 */
export async function rewardIssues(ctx: Pick<ModuleContext, 'rest' | 'appConfig'>, guildId: string, config: LevelingConfig): Promise<{ roleId: string; level: number; problem: string }[]> {
  if (config.roleRewards.length === 0) return [];
  const d = { rest: ctx.rest, redis: getRedis(ctx.appConfig), guildId, config: ctx.appConfig };
  const [guild, roles, botId] = await Promise.all([guildData.guild(d), guildData.roles(d), botUserId(d)]);
  const me = await guildData.member(d, botId).catch(() => null);
  const bot = new GuildAuthority({ guildId, ownerId: guild.owner_id, roles }, me ? { userId: botId, roles: me.roles } : null);
  const byId = new Map(roles.map((r) => [r.id, r]));
  return config.roleRewards.flatMap((r) => {
    const problem = botRoleBlock(bot, byId.get(r.roleId), guildId);
    return problem ? [{ roleId: r.roleId, level: r.level, problem }] : [];
  });
}
