import type { APIGuildMember } from 'discord-api-types/v10';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { HttpError } from '../../../errors';
import { PermissionError, permissionNames, type GuildAuthority } from '../../../permissions';
import { botAuthorityOf, fetchMember } from '../data/guildFacts';
import type { ModerationServices } from '../ModerationServices';

/** What an authorized action acts on. */
export interface Reach {
  bot: GuildAuthority;
  /** The target as a member now; null when they are not in the server. */
  target: APIGuildMember | null;
}

/** Options of {@link authorize}. */
export interface AuthorizeOptions {
  /** Refuse users who are not in the server (kick, timeout, warn). */
  memberRequired: boolean;
  /** Whether the bot itself calls Discord for this action (a warning needs no bot permission). */
  botActs: boolean;
}

/**
 * The one check of every moderation action, from a slash command, the dashboard or a job: the
 * actor holds `bits` and stands above the target (not the owner, not themselves), and so does
 * the bot, by Discord's rules ({@link GuildAuthority}). Throws {@link PermissionError} (403)
 * naming what is missing, or 404 when a member is required and absent.
 */
export async function authorize(m: ModerationServices, actor: GuildAuthority, targetId: string, bits: bigint, opts: AuthorizeOptions): Promise<Reach> {
  actor.require(bits);
  if (targetId === actor.guild.ownerId) throw PermissionError.hierarchy('The server owner cannot be a target');
  if (actor.actor && targetId === actor.actor.userId) throw PermissionError.hierarchy('You cannot do this to yourself');
  const [target, bot] = await Promise.all([fetchMember(m, targetId), botAuthorityOf(m, actor.guild)]);
  if (opts.memberRequired && !target) throw new HttpError(404, 'That user is not a member of this server', { code: 'NotFound' });
  if (target) actor.requireAboveMember({ userId: targetId, roles: target.roles });
  if (bot.actor && targetId === bot.actor.userId) throw PermissionError.hierarchy('The bot cannot moderate itself');
  if (opts.botActs) {
    const missing = bits & ~bot.permissions;
    if (missing !== 0n) throw new PermissionError('MissingPermissions', `The bot needs ${permissionNames(missing).join(', ')} on this server for this`, missing);
    if (target && bot.memberBlock({ userId: targetId, roles: target.roles })) {
      throw PermissionError.hierarchy('That member’s highest role is at or above the bot’s: move the bot’s role higher in Server Settings → Roles');
    }
  }
  return { bot, target };
}

/** Discord never times out a member with Administrator. */
export function requireNotAdministrator(actor: GuildAuthority, targetId: string, target: APIGuildMember): void {
  if ((actor.permissionsOf({ userId: targetId, roles: target.roles }) & P.Administrator) !== 0n) {
    throw PermissionError.hierarchy('Members with Administrator cannot be timed out');
  }
}
