import type { REST } from '@discordjs/rest';
import { permissionNames } from '../../../permissions';
import { PermissionFlagsBits, Routes, type APIGuildMember, type APIOverwrite, type APIRole } from 'discord-api-types/v10';

/** What the report reads of a guild channel. */
type GuildChannel = { id: string; name?: string | null; type: number; position?: number; parent_id?: string | null; permission_overwrites?: APIOverwrite[] };

/** Seed 001's server audit: roles with permissions, channels with overwrites, members per role. */
export interface AuditReport {
  guildId: string;
  generatedAt: string;
  roles: { id: string; name: string; position: number; managed: boolean; permissions: string[]; members: { id: string; name: string }[] }[];
  channels: { id: string; name: string; type: number; parent: string | null; overwrites: { target: string; kind: 'role' | 'member'; allow: string[]; deny: string[] }[] }[];
  /** True when the server has more members than were read (the export stops at 10,000). */
  truncated: boolean;
}

/** A permission bitfield as names (Discord's spelling); Administrator alone says it all. */
function names(bits: string): string[] {
  const b = BigInt(bits);
  return b & PermissionFlagsBits.Administrator ? ['Administrator'] : permissionNames(b);
}

const MAX_MEMBERS = 10_000;

/** Reads the server from Discord (roles, channels, up to 10,000 members, 1,000 per page) and builds the report. */
export async function auditReport(rest: REST, guildId: string, now = new Date()): Promise<AuditReport> {
  const [roles, channels] = (await Promise.all([rest.get(Routes.guildRoles(guildId)), rest.get(Routes.guildChannels(guildId))])) as [APIRole[], GuildChannel[]];
  const members: APIGuildMember[] = [];
  let after = '0';
  for (;;) {
    const page = (await rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: '1000', after }) })) as APIGuildMember[];
    members.push(...page);
    if (page.length < 1000 || members.length >= MAX_MEMBERS) break;
    after = page[page.length - 1]!.user.id;
  }
  const roleName = new Map(roles.map((r) => [r.id, r.name]));
  const memberName = new Map(members.map((m) => [m.user.id, m.nick ?? m.user.global_name ?? m.user.username]));
  const channelName = new Map(channels.map((c) => [c.id, c.name ?? c.id]));
  return {
    guildId,
    generatedAt: now.toISOString(),
    truncated: members.length >= MAX_MEMBERS,
    roles: [...roles].sort((a, b) => b.position - a.position).map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      managed: r.managed,
      permissions: names(r.permissions),
      members: members.filter((m) => (r.id === guildId ? true : m.roles.includes(r.id))).map((m) => ({ id: m.user.id, name: memberName.get(m.user.id)! })),
    })),
    channels: [...channels].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      type: c.type,
      parent: c.parent_id ? (channelName.get(c.parent_id) ?? c.parent_id) : null,
      overwrites: (c.permission_overwrites ?? []).map((o) => ({
        target: o.type === 0 ? (roleName.get(o.id) ?? o.id) : (memberName.get(o.id) ?? o.id),
        kind: o.type === 0 ? ('role' as const) : ('member' as const),
        allow: names(o.allow),
        deny: names(o.deny),
      })),
    })),
  };
}
