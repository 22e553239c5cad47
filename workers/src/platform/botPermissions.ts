import { PermissionFlagsBits, Routes, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import { botRest, discordCall } from '../api/discord/botRest';
import { inviteUrl } from '../api/inviteUrl';
import type { Config } from '../env';
import type { ModuleDefinition } from './ModuleDefinition';

const NAMES = Object.entries(PermissionFlagsBits) as [string, bigint][];

/** Permission names of the bits set in `bits` (`ManageRoles`, …). */
export const permissionNames = (bits: bigint) => NAMES.filter(([, b]) => (bits & b) === b).map(([n]) => n);

/** What a module needs of the bot in a guild, what the bot lacks, and the link that grants it. */
export interface BotPermissionCheck {
  /** Bits the module declares (`botPermissions`), as a decimal string. */
  required: string;
  /** Names of the declared permissions the bot does not have in that guild (server-wide). */
  missing: string[];
  /** The invite link asking for exactly the module's bits (re-inviting adds them); null when nothing is missing. */
  inviteUrl: string | null;
}

/**
 * Checks the bot's server-wide permissions (its roles and @everyone; Administrator grants all)
 * against what a module declares. Channel overwrites are not considered: the dashboard warns
 * about what re-inviting can fix.
 */
export async function checkBotPermissions(config: Config, guildId: string, def: ModuleDefinition): Promise<BotPermissionCheck> {
  const required = def.botPermissions ?? 0n;
  if (required === 0n) return { required: '0', missing: [], inviteUrl: null };
  const rest = botRest(config);
  // Fresh reads (not the 30 s cache): the admin checks again right after re-inviting the bot.
  const [roles, bot] = await Promise.all([
    discordCall<APIRole[]>(() => rest.get(Routes.guildRoles(guildId))),
    discordCall<APIGuildMember>(() => rest.get(Routes.guildMember(guildId, config.DISCORD_APPLICATION_ID))),
  ]);
  const mine = new Set([guildId, ...bot.roles]);
  const have = roles.filter((r) => mine.has(r.id)).reduce((bits, r) => bits | BigInt(r.permissions), 0n);
  const missing = (have & PermissionFlagsBits.Administrator) !== 0n ? 0n : required & ~have;
  return {
    required: required.toString(),
    missing: permissionNames(missing),
    inviteUrl: missing === 0n ? null : inviteUrl(config, guildId, required),
  };
}
