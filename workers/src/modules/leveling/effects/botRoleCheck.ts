import { PermissionFlagsBits as P, type APIRole } from 'discord-api-types/v10';
import type { GuildAuthority } from '../../../permissions';

/**
 * Why the bot cannot give or take `role` (null: it can): Manage Roles, the role strictly below
 * its highest one, not managed by an integration, not @everyone: what Discord itself enforces.
 */
export function botRoleBlock(bot: GuildAuthority, role: APIRole | undefined, guildId: string): string | null {
  if (!role) return 'the role no longer exists';
  if (!bot.has(P.ManageRoles)) return 'the bot lacks Manage Roles';
  if (role.managed || role.id === guildId) return `“${role.name}” is managed by Discord or an integration`;
  if (role.position >= bot.topPosition) return `“${role.name}” is at or above the bot’s highest role`;
  return null;
}
