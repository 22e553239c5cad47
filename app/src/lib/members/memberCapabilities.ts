import type { Capabilities, Member, Role } from '../api/shapes';
import type { MemberAction } from './memberActions';

/** What the acting user and the bot can each do (`GET /api/guilds/:id/capabilities`). */
export type { Capabilities };
/** One side's reach on the server: permissions, highest role position (null for the owner), roles. */
export type Reach = Capabilities['actor'];

const ADMINISTRATOR = 1n << 3n;
/** Discord's permission for each member action (as the API enforces it). */
const NEEDS: Record<MemberAction, [bigint, string]> = {
  kick: [1n << 1n, 'Kick Members'],
  ban: [1n << 2n, 'Ban Members'],
  timeout: [1n << 40n, 'Moderate Members'],
  untimeout: [1n << 40n, 'Moderate Members'],
  nick: [1n << 27n, 'Manage Nicknames'],
};

const holds = (r: Reach, bit: bigint) => (BigInt(r.permissions) & (bit | ADMINISTRATOR)) !== 0n;
const top = (r: Reach) => r.topPosition ?? Infinity;
/** A member's highest role position (0 = only @everyone). */
export const memberTop = (m: Pick<Member, 'roles'>, roles: Role[]) => Math.max(0, ...m.roles.map((id) => roles.find((r) => r.id === id)?.position ?? 0));

/**
 * Why `kind` cannot be done to `member` (a sentence for the disabled button), or null when
 * both the acting admin and the bot may: Discord forbids acting on the owner, the bot on
 * itself, and anyone on a member whose highest role is at or above their own.
 */
export function actionBlock(kind: MemberAction, member: Member, caps: Capabilities, roles: Role[]): string | null {
  const [bit, label] = NEEDS[kind];
  if (member.id === caps.ownerId) return 'The server owner cannot be moderated';
  if (member.id === caps.bot.userId) return 'This is the bot itself';
  if (member.id === caps.actor.userId) return 'You cannot do this to yourself';
  if (!holds(caps.actor, bit)) return `You need the ${label} permission`;
  if (!holds(caps.bot, bit)) return `The bot needs the ${label} permission`;
  const target = memberTop(member, roles);
  if (target >= top(caps.actor)) return 'Their highest role is at or above yours';
  if (target >= top(caps.bot)) return 'Their highest role is at or above the bot’s';
  if (kind === 'timeout') {
    const perms = member.roles.reduce((acc, id) => acc | BigInt(roles.find((r) => r.id === id)?.permissions ?? '0'), 0n);
    if ((perms & ADMINISTRATOR) !== 0n) return 'Members with Administrator cannot be timed out';
  }
  return null;
}

/**
 * Why `role` cannot be given or taken (null when it can): managed roles belong to an
 * integration, and a role must sit below both the acting admin's and the bot's highest role.
 */
export function roleBlock(role: Role, caps: Capabilities, guildId: string): string | null {
  const manageRoles = 1n << 28n;
  if (role.id === guildId || role.managed) return 'Managed by Discord or an integration';
  if (!holds(caps.actor, manageRoles)) return 'You need the Manage Roles permission';
  if (!holds(caps.bot, manageRoles)) return 'The bot needs the Manage Roles permission';
  if (role.position >= top(caps.actor)) return 'At or above your highest role';
  if (role.position >= top(caps.bot)) return 'At or above the bot’s highest role';
  return null;
}
