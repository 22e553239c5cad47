import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { MEMBER_PAGE, guildData } from '../discord/guildData';
import { toMember } from '../discord/mappers';
import { GuildParams, GuildUserParams, Member } from '../schemas';

const MembersQuery = z.object({
  search: z.string().trim().max(100).optional(),
  filter: z.enum(['all', 'humans', 'bots', 'admins', 'timeout']).default('all'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

const MembersPage = z.object({
  members: z.array(Member),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  totalPages: z.number(),
  truncated: z.boolean(),
});

/** Member list (search, filters, pages) and one member. Actions live in memberActionRoutes. */
export const memberRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/members',
    tag: 'members',
    summary: 'Members, searchable (name, username, nickname) and filterable (humans, bots, admins, timed out), paginated',
    requires: 'view',
    params: GuildParams,
    query: MembersQuery,
    response: MembersPage,
    handler: async (c, { query }) => {
      const d = deps(c);
      const [raw, roles, guild] = await Promise.all([guildData.members(d), guildData.roles(d), guildData.guild(d)]);
      const adminRoles = new Set(roles.filter((r) => (BigInt(r.permissions) & PermissionFlagsBits.Administrator) !== 0n).map((r) => r.id));
      const needle = query.search?.toLowerCase();
      const list = raw
        .map((m) => ({ m: toMember(m), admin: m.user.id === guild.owner_id || m.roles.some((r) => adminRoles.has(r)) }))
        .filter(({ m, admin }) => {
          if (query.filter === 'humans' && m.bot) return false;
          if (query.filter === 'bots' && !m.bot) return false;
          if (query.filter === 'admins' && !admin) return false;
          if (query.filter === 'timeout' && !m.timeoutUntil) return false;
          return !needle || [m.username, m.globalName, m.nick].some((s) => s?.toLowerCase().includes(needle));
        })
        // Case-insensitive code-point order: `localeCompare` loads ICU collation on an isolate's
        // first use, ~7 ms of CPU measured in workerd (issue 11), for the same order on names.
        .map(({ m }) => ({ m, key: (m.nick ?? m.globalName ?? m.username).toLowerCase() }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ m }) => m);
      const start = (query.page - 1) * query.pageSize;
      return c.json({
        members: list.slice(start, start + query.pageSize),
        total: list.length,
        page: query.page,
        pageSize: query.pageSize,
        totalPages: Math.max(1, Math.ceil(list.length / query.pageSize)),
        truncated: raw.length >= MEMBER_PAGE,
      });
    },
  }),
  route({
    method: 'get',
    path: '/guilds/:guildId/members/:userId',
    tag: 'members',
    summary: 'One member',
    requires: 'view',
    params: GuildUserParams,
    response: Member,
    handler: async (c, { params }) => c.json(toMember(await guildData.member(deps(c), params.userId))),
  }),
  route({
    method: 'get',
    path: '/guilds/:guildId/bans',
    tag: 'members',
    summary: 'Banned users',
    requires: 'view',
    params: GuildParams,
    response: z.object({ bans: z.array(z.object({ userId: z.string(), username: z.string(), reason: z.string().nullable() })) }),
    handler: async (c) => {
      const bans = await guildData.bans(deps(c));
      return c.json({ bans: bans.map((b) => ({ userId: b.user.id, username: b.user.username, reason: b.reason ?? null })) });
    },
  }),
];
