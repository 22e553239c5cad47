import type { APIGuildChannel, APIGuildMember, APIRole, GuildChannelType } from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Channel, Member, Role } from '../schemas';

/** Any guild channel as Discord returns it (fields vary by type). */
export type AnyGuildChannel = APIGuildChannel<GuildChannelType> & { position?: number; topic?: string | null; nsfw?: boolean; rate_limit_per_user?: number };

/** Discord member → API `Member`. */
export function toMember(m: APIGuildMember): z.infer<typeof Member> {
  const until = m.communication_disabled_until ?? null;
  return {
    id: m.user.id,
    username: m.user.username,
    globalName: m.user.global_name ?? null,
    nick: m.nick ?? null,
    avatar: m.avatar ?? m.user.avatar ?? null,
    bot: m.user.bot === true,
    roles: m.roles,
    joinedAt: m.joined_at ?? null,
    timeoutUntil: until && Date.parse(until) > Date.now() ? until : null,
  };
}

/** Discord channel → API `Channel`. */
export function toChannel(ch: AnyGuildChannel): z.infer<typeof Channel> {
  return {
    id: ch.id,
    name: ch.name ?? '',
    type: ch.type,
    position: ch.position ?? 0,
    parentId: ch.parent_id ?? null,
    topic: ch.topic ?? null,
    nsfw: ch.nsfw === true,
    rateLimitPerUser: ch.rate_limit_per_user ?? 0,
    permissionOverwrites: (ch.permission_overwrites ?? []).map((o) => ({ id: o.id, type: o.type, allow: o.allow, deny: o.deny })),
  };
}

/** Discord role → API `Role`. */
export function toRole(r: APIRole): z.infer<typeof Role> {
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    hoist: r.hoist,
    mentionable: r.mentionable,
    managed: r.managed,
    permissions: r.permissions,
    position: r.position,
  };
}
