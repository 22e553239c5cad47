import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Config } from '../env';

/**
 * Permissions the bot asks for when invited: what the modules and the dashboard's management
 * pages use (moderation, channels, roles, messages, welcome images), not Administrator.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ManageNicknames |
  PermissionFlagsBits.KickMembers |
  PermissionFlagsBits.BanMembers |
  PermissionFlagsBits.ModerateMembers |
  PermissionFlagsBits.ViewAuditLog;

/** The OAuth2 bot invite link for a guild (pre-selected), asking for `permissions` (default: all the bot uses). */
export function inviteUrl(config: Pick<Config, 'DISCORD_OAUTH_BASE' | 'DISCORD_CLIENT_ID'>, guildId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const base = (config.DISCORD_OAUTH_BASE || 'https://discord.com').replace(/\/+$/, '');
  const params = new URLSearchParams({
    client_id: config.DISCORD_CLIENT_ID,
    scope: 'bot applications.commands',
    permissions: permissions.toString(),
    guild_id: guildId,
    disable_guild_select: 'true',
  });
  return `${base}/oauth2/authorize?${params}`;
}
