import { AuditLogEvent, GatewayDispatchEvents, type APIBan } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { userPayload } from '../payloads.js';
import { SimStateError } from '../SimStateError.js';
import type { AuditContext } from './AuditLogStore.js';

/** Guild bans. */
export class BanStore {
  constructor(private readonly s: SimState) {}

  /**
   * Bans a user: removes them if a member (GUILD_MEMBER_REMOVE), deletes their recent messages
   * (`deleteMessageSeconds`, MESSAGE_DELETE_BULK), emits GUILD_BAN_ADD and a MEMBER_BAN_ADD audit entry.
   */
  add(guildId: string, userId: string, opts: { deleteMessageSeconds?: number } & Partial<AuditContext> = {}): void {
    const g = this.s.guild(guildId);
    this.s.users.get(userId);
    if (g.members[userId]) this.s.members.remove(guildId, userId, undefined, null);
    g.bans[userId] = { reason: opts.reason ?? null };
    if (opts.deleteMessageSeconds) this.s.messages.deleteByAuthor(guildId, userId, this.s.now() - opts.deleteMessageSeconds * 1000);
    this.s.dispatch(GatewayDispatchEvents.GuildBanAdd, { guild_id: guildId, user: userPayload(this.s.data, userId) }, guildId);
    if (opts.actorId) this.s.auditLog.add(guildId, { actorId: opts.actorId, reason: opts.reason, action_type: AuditLogEvent.MemberBanAdd, target_id: userId });
  }

  /** Lifts a ban, or 404 Unknown Ban (10026). Emits GUILD_BAN_REMOVE. */
  remove(guildId: string, userId: string, audit?: AuditContext): void {
    const g = this.s.guild(guildId);
    if (!g.bans[userId]) throw new SimStateError(404, 10026, 'Unknown Ban');
    delete g.bans[userId];
    this.s.dispatch(GatewayDispatchEvents.GuildBanRemove, { guild_id: guildId, user: userPayload(this.s.data, userId) }, guildId);
    if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.MemberBanRemove, target_id: userId });
  }

  /** One ban, or 404 Unknown Ban. */
  get(guildId: string, userId: string): APIBan {
    const b = this.s.guild(guildId).bans[userId];
    if (!b) throw new SimStateError(404, 10026, 'Unknown Ban');
    return { user: userPayload(this.s.data, userId), reason: b.reason };
  }

  /** Bans sorted by user id, paged with `before`/`after`/`limit`. */
  list(guildId: string, q: { limit?: number; before?: string; after?: string } = {}): APIBan[] {
    const ids = Object.keys(this.s.guild(guildId).bans).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    let sel = ids;
    if (q.after) sel = sel.filter((id) => BigInt(id) > BigInt(q.after!));
    if (q.before) sel = sel.filter((id) => BigInt(id) < BigInt(q.before!));
    return sel.slice(0, Math.min(q.limit ?? 1000, 1000)).map((id) => this.get(guildId, id));
  }
}
