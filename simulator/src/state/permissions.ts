import { ChannelType, OverwriteType, PermissionFlagsBits, type APIChannel, type APIOverwrite } from 'discord-api-types/v10';
import type { SimGuild, SimMember } from './types.js';

/** Every permission bit Discord knows. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

const THREAD_TYPES = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** Whether a member is timed out right now. */
export function isTimedOut(member: SimMember, now = Date.now()): boolean {
  return member.communication_disabled_until !== null && Date.parse(member.communication_disabled_until) > now;
}

/** Guild-level permissions: owner and Administrator get everything. */
export function basePermissions(guild: SimGuild, member: SimMember): bigint {
  if (guild.owner_id === member.user_id) return ALL_PERMISSIONS;
  let perms = BigInt(guild.roles[guild.id]?.permissions ?? '0');
  for (const roleId of member.roles) perms |= BigInt(guild.roles[roleId]?.permissions ?? '0');
  if (perms & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  return perms;
}

/**
 * Discord's permission computation (https://discord.com/developers/docs/topics/permissions#permission-overwrites):
 * base permissions, then the channel's @everyone overwrite, the member's roles' overwrites (all denies
 * then all allows), then the member overwrite. Threads use their parent's overwrites. A timed-out
 * member keeps only View Channel and Read Message History.
 * @param channels - lookup for a thread's parent; pass `state.data.channels`
 */
export function computePermissions(
  guild: SimGuild,
  member: SimMember,
  channel?: APIChannel,
  channels?: Record<string, APIChannel>,
): bigint {
  const base = basePermissions(guild, member);
  if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  let perms = base;
  let source = channel;
  if (source && THREAD_TYPES.has(source.type) && 'parent_id' in source && source.parent_id && channels) {
    source = channels[source.parent_id] ?? source;
  }
  const overwrites: APIOverwrite[] = source && 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
  if (channel) {
    const everyone = overwrites.find((o) => o.id === guild.id);
    if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    let allow = 0n;
    let deny = 0n;
    for (const o of overwrites) {
      if (o.type === OverwriteType.Role && o.id !== guild.id && member.roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === member.user_id);
    if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
    // No View Channel means no permission at all in that channel.
    if (!(perms & PermissionFlagsBits.ViewChannel)) return 0n;
  }
  if (isTimedOut(member)) perms &= PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
  return perms;
}

/** The member's highest role position (the @everyone role counts as 0). */
export function highestRolePosition(guild: SimGuild, member: SimMember): number {
  let top = 0;
  for (const id of member.roles) top = Math.max(top, guild.roles[id]?.position ?? 0);
  return top;
}

/**
 * Role hierarchy: can `actor` act on `target` (kick, ban, timeout, change nick/roles)?
 * The owner can act on anyone but nobody can act on the owner; otherwise the actor's top role must be strictly higher.
 */
export function canActOn(guild: SimGuild, actor: SimMember, target: SimMember): boolean {
  if (target.user_id === guild.owner_id) return false;
  if (actor.user_id === guild.owner_id) return true;
  return highestRolePosition(guild, actor) > highestRolePosition(guild, target);
}

/** Can `actor` assign or edit a role at `rolePosition`? */
export function canManageRole(guild: SimGuild, actor: SimMember, rolePosition: number): boolean {
  if (actor.user_id === guild.owner_id) return true;
  return highestRolePosition(guild, actor) > rolePosition;
}
