import { AuditLogEvent, GatewayDispatchEvents } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import type { SimMember } from '../types.js';
import { memberPayload, userPayload } from '../payloads.js';
import { SimStateError } from '../SimStateError.js';
import type { AuditContext } from './AuditLogStore.js';

/** Options when a user joins a guild. */
export interface AddMemberOptions {
  nick?: string | null;
  roles?: string[];
  joinedAt?: string;
  /** Build-time insert: no dispatch (used while a guild is being created). */
  silent?: boolean;
}

/** Fields `PATCH /guilds/{id}/members/{user}` may change. */
export type MemberPatch = Partial<Pick<SimMember, 'nick' | 'roles' | 'mute' | 'deaf' | 'communication_disabled_until' | 'flags'>>;

/** Guild members: join, update (nick, roles, timeout, mute/deaf), leave or kick. */
export class MemberStore {
  constructor(private readonly s: SimState) {}

  /**
   * Adds a user to a guild. Emits GUILD_MEMBER_ADD; when the user is a bot, that bot also receives
   * GUILD_CREATE for the guild (as when a bot is invited).
   */
  add(guildId: string, userId: string, opts: AddMemberOptions = {}): SimMember {
    const g = this.s.guild(guildId);
    this.s.users.get(userId);
    if (g.members[userId]) return g.members[userId];
    const m: SimMember = {
      user_id: userId,
      nick: opts.nick ?? null,
      avatar: null,
      roles: opts.roles ?? [],
      joined_at: opts.joinedAt ?? this.s.isoNow(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
    g.members[userId] = m;
    if (opts.silent) return m;
    this.s.dispatch(GatewayDispatchEvents.GuildMemberAdd, { ...memberPayload(this.s.data, m), guild_id: guildId }, guildId);
    this.s.autoMod.checkMember(guildId, userId);
    if (this.s.data.users[userId]?.bot) {
      this.s.dispatch(GatewayDispatchEvents.GuildCreate, this.s.guildCreatePayload(guildId, userId), guildId, [userId]);
    }
    return m;
  }

  /** Updates a member; emits GUILD_MEMBER_UPDATE and MEMBER_UPDATE / MEMBER_ROLE_UPDATE audit entries. */
  update(guildId: string, userId: string, patch: MemberPatch, audit?: AuditContext): SimMember {
    const g = this.s.guild(guildId);
    const m = this.s.member(guildId, userId);
    const changes: { key: string; old_value?: unknown; new_value?: unknown }[] = [];
    for (const key of ['nick', 'mute', 'deaf', 'communication_disabled_until', 'flags'] as const) {
      if (patch[key] !== undefined && patch[key] !== m[key]) {
        changes.push({ key, old_value: m[key], new_value: patch[key] });
        (m as unknown as Record<string, unknown>)[key] = patch[key];
      }
    }
    let added: string[] = [];
    let removed: string[] = [];
    if (patch.roles) {
      for (const r of patch.roles) if (!g.roles[r] || r === guildId) throw new SimStateError(400, 50035, 'Invalid Form Body', { roles: { _errors: [{ code: 'UNKNOWN_ROLE', message: `Unknown role ${r}` }] } });
      const next = [...new Set(patch.roles)];
      added = next.filter((r) => !m.roles.includes(r));
      removed = m.roles.filter((r) => !next.includes(r));
      m.roles = next;
    }
    this.s.dispatch(GatewayDispatchEvents.GuildMemberUpdate, { ...memberPayload(this.s.data, m), guild_id: guildId }, guildId);
    if (changes.some((c) => c.key === 'nick')) this.s.autoMod.checkMember(guildId, userId);
    if (audit && changes.length) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.MemberUpdate, target_id: userId, changes });
    if (audit && (added.length || removed.length)) {
      const named = (ids: string[]) => ids.map((id) => ({ id, name: g.roles[id]?.name ?? '' }));
      const roleChanges = [
        ...(added.length ? [{ key: '$add', new_value: named(added) }] : []),
        ...(removed.length ? [{ key: '$remove', new_value: named(removed) }] : []),
      ];
      this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.MemberRoleUpdate, target_id: userId, changes: roleChanges });
    }
    return m;
  }

  /**
   * Removes a member (leave, or kick when `audit` is given). Emits GUILD_MEMBER_REMOVE, and
   * GUILD_DELETE to the removed user when it is a bot.
   */
  remove(guildId: string, userId: string, audit?: AuditContext, auditAction: AuditLogEvent | null = AuditLogEvent.MemberKick): void {
    const g = this.s.guild(guildId);
    this.s.member(guildId, userId);
    if (g.voiceStates[userId]) this.s.voice.leave(guildId, userId);
    delete g.members[userId];
    this.s.dispatch(GatewayDispatchEvents.GuildMemberRemove, { guild_id: guildId, user: userPayload(this.s.data, userId) }, guildId);
    if (this.s.data.users[userId]?.bot) this.s.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId }, guildId, [userId]);
    if (audit && auditAction !== null) this.s.auditLog.add(guildId, { ...audit, action_type: auditAction, target_id: userId });
  }

  /** Members sorted by user id, paged as `GET /guilds/{id}/members?limit&after` does. */
  list(guildId: string, limit = 1, after = '0'): SimMember[] {
    const a = BigInt(after);
    return Object.values(this.s.guild(guildId).members)
      .filter((m) => BigInt(m.user_id) > a)
      .sort((x, y) => (BigInt(x.user_id) < BigInt(y.user_id) ? -1 : 1))
      .slice(0, limit);
  }

  /** Members whose username, global name or nick starts with `query` (case-insensitive), as `/members/search` does. */
  search(guildId: string, query: string, limit = 1): SimMember[] {
    const q = query.toLowerCase();
    return Object.values(this.s.guild(guildId).members)
      .filter((m) => {
        const u = this.s.data.users[m.user_id];
        return [u?.username, u?.global_name, m.nick].some((n) => n?.toLowerCase().startsWith(q));
      })
      .slice(0, limit);
  }
}
