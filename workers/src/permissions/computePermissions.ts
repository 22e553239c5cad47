import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

/** Every permission bit Discord defines. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** A role as permissions need it. */
export interface RoleLike {
  id: string;
  position: number;
  permissions: string;
}

/** A channel permission overwrite as Discord sends it. */
export interface OverwriteLike {
  id: string;
  type: OverwriteType | number;
  allow: string;
  deny: string;
}

/** The guild facts every permission decision needs. */
export interface GuildFacts {
  guildId: string;
  ownerId: string;
  roles: RoleLike[];
}

/**
 * Guild-level permissions (Discord's "base permissions"): @everyone's, OR each role's; the
 * owner and anyone with Administrator get every bit.
 */
export function basePermissions(guild: GuildFacts, userId: string, roleIds: readonly string[]): bigint {
  if (userId === guild.ownerId) return ALL_PERMISSIONS;
  const byId = new Map(guild.roles.map((r) => [r.id, r]));
  let perms = BigInt(byId.get(guild.guildId)?.permissions ?? '0');
  for (const id of roleIds) perms |= BigInt(byId.get(id)?.permissions ?? '0');
  return (perms & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : perms;
}

/**
 * Permissions in a channel: base, then @everyone's overwrite, then the member's roles'
 * overwrites (all denies, then all allows), then the member's own
 * (https://discord.com/developers/docs/topics/permissions#permission-overwrites).
 * Without View Channel nothing else counts.
 */
export function channelPermissions(guild: GuildFacts, userId: string, roleIds: readonly string[], overwrites: readonly OverwriteLike[]): bigint {
  const base = basePermissions(guild, userId, roleIds);
  if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === guild.guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.guildId && roleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  return (perms & PermissionFlagsBits.ViewChannel) === 0n ? 0n : perms;
}

/** The position of the member's highest role (@everyone counts as 0). */
export function topRolePosition(guild: GuildFacts, roleIds: readonly string[]): number {
  const byId = new Map(guild.roles.map((r) => [r.id, r.position]));
  return Math.max(0, ...roleIds.map((id) => byId.get(id) ?? 0));
}
