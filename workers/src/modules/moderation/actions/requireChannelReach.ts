import { PermissionError, permissionNames, type ChannelFacts, type GuildAuthority } from '../../../permissions';
import { botAuthorityOf } from '../data/guildFacts';
import type { ModerationServices } from '../ModerationServices';

/**
 * Channel actions (purge, slowmode, lock): the actor and the bot must each hold `bits` in that
 * channel, overwrites included (the same {@link GuildAuthority} rules as member actions).
 */
export async function requireChannelReach(m: ModerationServices, actor: GuildAuthority, channel: ChannelFacts, bits: bigint, botBits = bits): Promise<GuildAuthority> {
  actor.require(bits, channel);
  const bot = await botAuthorityOf(m, actor.guild);
  const missing = botBits & ~bot.permissionsIn(channel);
  if (missing !== 0n) {
    throw new PermissionError('MissingPermissions', `The bot needs ${permissionNames(missing).join(', ')} in #${channel.name ?? 'this channel'} for this`, missing);
  }
  return bot;
}
