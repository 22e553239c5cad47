import { core, json } from '../api/core';
import { ApiError } from '../api/ApiError';
import type { Member } from '../api/shapes';

/** The moderation actions the dashboard offers on a member. */
export type MemberAction = 'kick' | 'ban' | 'timeout' | 'untimeout' | 'nick';

/** What the confirmation dialog collected. */
export interface ActionInput {
  reason: string;
  duration: (typeof TIMEOUT_DURATIONS)[number][0];
  deleteSeconds: number;
  nick: string;
}

export const ACTION_TITLES: Record<MemberAction, string> = {
  kick: 'Kick member', ban: 'Ban member', timeout: 'Time out member', untimeout: 'Lift timeout', nick: 'Change nickname',
};

/** Timeout durations the API accepts (seconds → label). */
export const TIMEOUT_DURATIONS = [[60, '60 seconds'], [300, '5 minutes'], [600, '10 minutes'], [3600, '1 hour'], [86400, '1 day'], [604800, '1 week']] as const;

/** The name Discord shows: nickname, then display name, then username. */
export const displayName = (m: Pick<Member, 'nick' | 'globalName' | 'username'>) => m.nick ?? m.globalName ?? m.username;

/** True while the member's timeout runs. */
export const isTimedOut = (m: Pick<Member, 'timeoutUntil'>, now = Date.now()) => !!m.timeoutUntil && new Date(m.timeoutUntil).getTime() > now;

/** When a Discord id (snowflake) was created: its top 42 bits are ms since 2015-01-01. */
export const snowflakeDate = (id: string) => new Date(Number(BigInt(id) >> 22n) + 1_420_070_400_000);

/**
 * A sentence an admin can act on for a failed member/role action: hierarchy and permission
 * refusals say what to change rather than echoing the raw API message.
 */
export function explainError(err: unknown, what: string): string {
  const e = err instanceof ApiError ? err : new ApiError(0, (err as Error)?.message ?? 'Unknown error');
  switch (e.code) {
    case 'HierarchyViolation':
      return `${what} refused: you can only act on members and roles below your own highest role (${e.message}).`;
    case 'MissingPermissions': {
      const missing = (e.details as { missing?: string[] } | undefined)?.missing;
      return `${what} refused: Discord requires ${missing?.length ? missing.join(', ') : 'a permission you do not have'} for this, and you do not hold it here.`;
    }
    case 'DiscordForbidden':
      if ((e.details as { discordCode?: number } | undefined)?.discordCode === 50001) {
        return `${what} refused by Discord: Missing Access — the bot cannot see that channel. Give it View Channel there.`;
      }
      return `${what} refused by Discord: the bot's highest role must be above the member or role, and it needs the matching permission.`;
    case 'NoGuildAccess':
      return `${what} needs dashboard access to this server (Administrator, Manage Server or a grant).`;
    case 'NotFound':
      return `${what} failed: the member or role no longer exists.`;
    case 'RateLimited':
      return `${what} failed: too many requests, try again in ${Math.ceil(e.retryAfter ?? 5)} s.`;
    default:
      return `${what} failed: ${e.message}`;
  }
}

/** Runs one moderation action through the API; answers the updated member (null when they left the server). */
export async function performMemberAction(guildId: string, member: Member, kind: MemberAction, input: ActionInput): Promise<Member | null> {
  const target = core.guilds[':guildId'].members[':userId'];
  const param = { guildId, userId: member.id };
  const reason = input.reason.trim() || undefined;
  if (kind === 'kick') await target.kick.$post({ param, json: { reason } });
  else if (kind === 'ban') await target.ban.$post({ param, json: { reason, deleteMessageSeconds: input.deleteSeconds } });
  else if (kind === 'nick') return json(target.nickname.$patch({ param, json: { nick: input.nick.trim() || null } }));
  else return json(target.timeout.$post({ param, json: { duration: kind === 'timeout' ? input.duration : null, reason } }));
  return null;
}
