import type { Context } from 'hono';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { canActOn, canManageRole, type AuditContext, type SimMember } from '../state/index.js';
import type { RestEnv } from './types.js';
import { missingAccess, missingPermissions, unauthorized } from './discordError.js';

type C = Context<RestEnv>;

/** The calling bot's user id; OAuth user tokens may not use bot routes (401, as on Discord). */
export function botCaller(c: C): string {
  const caller = c.get('caller');
  if (caller.kind !== 'bot') throw unauthorized();
  return caller.userId;
}

/** The caller's membership in a guild; 404 Unknown Guild when the guild does not exist, 403 Missing Access when not a member. */
export function callerMember(c: C, guildId: string): SimMember {
  const state = c.get('sim').state;
  const g = state.guild(guildId);
  const m = g.members[botCaller(c)];
  if (!m) throw missingAccess();
  return m;
}

/** Requires every bit of `perms` (in `channelId` when given); 403 Missing Permissions (50013) otherwise. */
export function requirePerms(c: C, guildId: string, perms: bigint, channelId?: string): SimMember {
  const m = callerMember(c, guildId);
  const have = c.get('sim').state.permissionsOf(guildId, m.user_id, channelId);
  if (channelId && !(have & PermissionFlagsBits.ViewChannel)) throw missingAccess();
  if ((have & perms) !== perms) throw missingPermissions();
  return m;
}

/** Role hierarchy for acting on a member (kick, ban, timeout, nick, roles). */
export function requireAbove(c: C, guildId: string, targetUserId: string): void {
  const state = c.get('sim').state;
  const g = state.guild(guildId);
  const actor = callerMember(c, guildId);
  const target = g.members[targetUserId];
  if (target && !canActOn(g, actor, target)) throw missingPermissions();
}

/** Role hierarchy for assigning or editing a role. */
export function requireRoleAbove(c: C, guildId: string, rolePosition: number): void {
  const g = c.get('sim').state.guild(guildId);
  if (!canManageRole(g, callerMember(c, guildId), rolePosition)) throw missingPermissions();
}

/** Who acts, and the URL-encoded `X-Audit-Log-Reason` header, decoded. */
export function auditOf(c: C): AuditContext {
  const raw = c.req.header('x-audit-log-reason');
  let reason: string | null = null;
  if (raw) {
    try {
      reason = decodeURIComponent(raw).slice(0, 512);
    } catch {
      reason = raw.slice(0, 512);
    }
  }
  return { actorId: c.get('caller').userId, reason };
}

/** A `channel_id` the caller may see in a guild channel, or 403 Missing Access; returns the guild id (undefined for DMs). */
export function channelAccess(c: C, channelId: string, perms = 0n): string | undefined {
  const state = c.get('sim').state;
  const ch = state.channels.get(channelId);
  const guildId = state.channels.guildIdOf(channelId);
  if (!guildId) {
    const userId = c.get('caller').userId;
    if (!('recipients' in ch) || !ch.recipients?.some((u) => u.id === userId)) throw missingAccess();
    return undefined;
  }
  requirePerms(c, guildId, PermissionFlagsBits.ViewChannel | perms, channelId);
  return guildId;
}
