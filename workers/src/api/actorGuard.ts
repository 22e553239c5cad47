import type { Context } from 'hono';
import { PermissionFlagsBits, type APIRole } from 'discord-api-types/v10';
import type { AuthEnv } from '../auth/AuthEnv';
import { userGuilds } from '../auth/userGuilds';
import { HttpError } from '../errors';
import { deps } from './deps';
import { guildData } from './discord/guildData';

const denied = (why: string) => new HttpError(403, why, { code: 'HierarchyViolation' });

/**
 * Keeps the bot from lending the dashboard user more power than they have on Discord: a
 * non-owner may only act on members and roles below their own highest role, and only hand
 * out permissions they hold. (The bot usually sits higher than the admin, so Discord alone
 * would not stop this.)
 */
export async function actorGuard(c: Context<AuthEnv>) {
  const d = deps(c);
  const owner = c.var.access.level === 'owner';
  const roles = owner ? [] : await guildData.roles(d);
  const position = (ids: string[]) => Math.max(0, ...ids.map((id) => roles.find((r) => r.id === id)?.position ?? 0));
  let actorTop = Infinity;
  let actorPerms = -1n;
  if (!owner) {
    const me = await guildData.member(d, c.var.user.id).catch(() => null);
    actorTop = me ? position(me.roles) : 0;
    const entry = (await userGuilds.list(d.db, d.redis, d.config, c.var.user.id)).find((g) => g.id === d.guildId);
    actorPerms = entry ? BigInt(entry.permissions) : 0n;
    if ((actorPerms & PermissionFlagsBits.Administrator) !== 0n) actorPerms = -1n;
  }
  return {
    /** The target member must sit below the actor (and not be the guild owner). */
    async member(targetId: string): Promise<void> {
      if (owner) return;
      const guild = await guildData.guild(d);
      if (guild.owner_id === targetId) throw denied('The server owner cannot be moderated');
      const target = await guildData.member(d, targetId);
      if (position(target.roles) >= actorTop) throw denied('That member is at or above your highest role');
    },
    /** The role must sit below the actor's highest role. */
    role(role: APIRole): void {
      if (owner) return;
      if (role.position >= actorTop) throw denied('That role is at or above your highest role');
    },
    /** A target position must stay below the actor's highest role. */
    position(pos: number): void {
      if (!owner && pos >= actorTop) throw denied('You cannot move a role at or above your highest role');
    },
    /** Every permission bit handed out must be one the actor holds. */
    permissions(bits: string | undefined): void {
      if (owner || bits === undefined || actorPerms === -1n) return;
      if ((BigInt(bits) & ~actorPerms) !== 0n) throw denied('You cannot grant permissions you do not have');
    },
  };
}
