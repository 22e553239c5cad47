import { OverwriteType } from 'discord-api-types/v10';
import { basePermissions, channelPermissions, topRolePosition, type GuildFacts, type OverwriteLike, type RoleLike } from './computePermissions';
import { PermissionError } from './PermissionError';

/** A member as permission checks need them. */
export interface MemberFacts {
  userId: string;
  roles: readonly string[];
}

/** A channel as permission checks need it. */
export interface ChannelFacts {
  name?: string | null;
  permission_overwrites?: readonly OverwriteLike[];
}

const where = (ch?: ChannelFacts) => (ch ? `in #${ch.name ?? 'this channel'}` : 'on this server');

/**
 * What one member may do in one guild, by Discord's own rules: permissions from their roles
 * and a channel's overwrites (owner and Administrator hold all), and the role hierarchy (act
 * only on members and roles strictly below your highest role; nobody acts on the owner).
 *
 * The one code path for every action taken for someone: the dashboard API builds it from the
 * acting admin, slash commands from the invoking member (`fromInteraction`), and the bot's own
 * reach is the same check with the bot as actor. Every `require*` throws a
 * {@link PermissionError} (403 `MissingPermissions` / `HierarchyViolation`).
 */
export class GuildAuthority {
  readonly isOwner: boolean;
  /** Guild-level permissions (all bits for the owner and Administrator). */
  readonly permissions: bigint;
  /** Position of the actor's highest role; the owner stands above every role. */
  readonly topPosition: number;

  /** @param actor - null when the actor is not a member of the guild (holds nothing). */
  constructor(
    readonly guild: GuildFacts,
    readonly actor: MemberFacts | null,
  ) {
    this.isOwner = actor?.userId === guild.ownerId;
    this.permissions = actor ? basePermissions(guild, actor.userId, actor.roles) : 0n;
    this.topPosition = this.isOwner ? Infinity : actor ? topRolePosition(guild, actor.roles) : -1;
  }

  /** The actor's permissions, in `channel` when given. */
  permissionsIn(channel?: ChannelFacts): bigint {
    if (!this.actor) return 0n;
    if (!channel) return this.permissions;
    return channelPermissions(this.guild, this.actor.userId, this.actor.roles, channel.permission_overwrites ?? []);
  }

  /** Another member's guild-level permissions (e.g. Discord never times out an Administrator). */
  permissionsOf(member: MemberFacts): bigint {
    return basePermissions(this.guild, member.userId, member.roles);
  }

  /** True when the actor holds every bit of `bits` (in `channel` when given). */
  has(bits: bigint, channel?: ChannelFacts): boolean {
    return (this.permissionsIn(channel) & bits) === bits;
  }

  /** Requires every bit of `bits`, guild-wide or in `channel`. */
  require(bits: bigint, channel?: ChannelFacts): void {
    const missing = bits & ~this.permissionsIn(channel);
    if (missing !== 0n) throw PermissionError.missing(missing, where(channel));
  }

  /** Why the actor may not act on `target` (kick, ban, timeout, nickname, roles), or null when they may. */
  memberBlock(target: MemberFacts): string | null {
    if (target.userId === this.guild.ownerId) return 'The server owner cannot be a target';
    if (this.isOwner) return null;
    if (this.actor && target.userId === this.actor.userId) return 'You cannot do this to yourself';
    if (topRolePosition(this.guild, target.roles) >= this.topPosition) return 'That member’s highest role is at or above yours';
    return null;
  }

  /** Requires the target member to sit strictly below the actor (and not be the owner). */
  requireAboveMember(target: MemberFacts): void {
    const block = this.memberBlock(target);
    if (block) throw PermissionError.hierarchy(block);
  }

  /** Requires `role` to sit strictly below the actor's highest role. */
  requireAboveRole(role: Pick<RoleLike, 'position'> & { name?: string }): void {
    if (role.position >= this.topPosition) throw PermissionError.hierarchy(`The role ${role.name ? `“${role.name}” ` : ''}is at or above your highest role`);
  }

  /** Requires every bit handed out (a role's permissions, an overwrite's allow or deny) to be one the actor holds there. */
  requireGrantable(bits: bigint, channel?: ChannelFacts): void {
    const missing = bits & ~this.permissionsIn(channel);
    if (missing !== 0n) throw new PermissionError('MissingPermissions', `You cannot grant or deny permissions you do not hold ${where(channel)}`, missing);
  }

  /**
   * An overwrite may be set or removed only for a role strictly below the actor, or a member the
   * actor may act on; `target` is resolved by the caller from this guild (another guild's id is
   * not a target at all).
   */
  requireOverwriteTarget(target: { type: OverwriteType; role?: RoleLike & { name?: string }; member?: MemberFacts }): void {
    if (target.type === OverwriteType.Role) {
      if (target.role && target.role.id !== this.guild.guildId) this.requireAboveRole(target.role);
    } else if (target.member) {
      this.requireAboveMember(target.member);
    }
  }

  /**
   * Builds the authority of the member who invoked a slash command: the interaction carries
   * their roles; the guild's roles and owner come from the caller's cache.
   */
  static fromInteraction(guild: GuildFacts, member: { user: { id: string }; roles: readonly string[] }): GuildAuthority {
    return new GuildAuthority(guild, { userId: member.user.id, roles: member.roles });
  }
}

