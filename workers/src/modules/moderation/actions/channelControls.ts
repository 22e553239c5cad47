import { OverwriteType, PermissionFlagsBits as P, Routes, type APIOverwrite } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import { channelOf } from '../data/guildFacts';
import type { ModerationServices } from '../ModerationServices';
import { requireChannelReach } from './requireChannelReach';

/** What a lock denies @everyone. */
export const LOCK_BITS = P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads;
/** Discord's longest slowmode: 6 hours. */
export const MAX_SLOWMODE_SECONDS = 21_600;

/** Sets a channel's slowmode (0 turns it off). Manage Channels there, for the actor and the bot. */
export async function setSlowmode(m: ModerationServices, actor: GuildAuthority, channelId: string, seconds: number, reason: string | null): Promise<void> {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SLOWMODE_SECONDS) throw new HttpError(400, 'Slowmode is 0 to 21600 seconds (6 hours)', { code: 'ValidationError' });
  const channel = await channelOf(m, channelId);
  await requireChannelReach(m, actor, channel, P.ManageChannels);
  await discordCall(() => m.rest.patch(Routes.channel(channelId), { body: { rate_limit_per_user: seconds }, reason: `By ${actor.actor?.userId}: ${reason ?? 'slowmode'}`.slice(0, 512) }));
}

/**
 * Locks (or unlocks) a channel for @everyone: the @everyone overwrite gains (or loses) the deny
 * of sending, the rest of the overwrite kept. Needs Manage Channels and Manage Roles there; the
 * actor may only deny what they hold themselves (as in Discord).
 */
export async function setChannelLock(m: ModerationServices, actor: GuildAuthority, channelId: string, locked: boolean, reason: string | null): Promise<{ changed: boolean }> {
  const channel = await channelOf(m, channelId);
  await requireChannelReach(m, actor, channel, P.ManageChannels | P.ManageRoles);
  actor.requireGrantable(LOCK_BITS, channel);
  const everyone = (channel.permission_overwrites ?? []).find((o: APIOverwrite) => o.id === m.guildId);
  const allow = BigInt(everyone?.allow ?? '0');
  const deny = BigInt(everyone?.deny ?? '0');
  const nextDeny = locked ? deny | LOCK_BITS : deny & ~LOCK_BITS;
  const nextAllow = locked ? allow & ~LOCK_BITS : allow;
  if (nextDeny === deny && nextAllow === allow) return { changed: false };
  const why = `By ${actor.actor?.userId}: ${reason ?? (locked ? 'lock' : 'unlock')}`.slice(0, 512);
  const path = Routes.channelPermission(channelId, m.guildId);
  if (!locked && nextDeny === 0n && nextAllow === 0n) await discordCall(() => m.rest.delete(path, { reason: why }));
  else await discordCall(() => m.rest.put(path, { body: { type: OverwriteType.Role, allow: String(nextAllow), deny: String(nextDeny) }, reason: why }));
  return { changed: true };
}
