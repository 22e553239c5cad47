import { Routes, type APIUser } from 'discord-api-types/v10';
import { z } from 'zod';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { guildData } from '../discord/guildData';
import { GuildUserParams } from '../schemas';

const UserName = z.object({ id: z.string(), username: z.string(), globalName: z.string().nullable(), nick: z.string().nullable(), member: z.boolean() });

/**
 * A user's name for the dashboard, member or not: departed members, banned users and audit
 * actors are shown by name, not by id. Members come from the guild, others from Discord's user read.
 */
export const userRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/users/:userId',
    tag: 'members',
    summary: "A user's name (member of the server or not)",
    requires: 'view',
    params: GuildUserParams,
    response: UserName,
    handler: async (c, { params }) => {
      const d = deps(c);
      const m = await guildData.member(d, params.userId).catch(() => null);
      if (m) return c.json({ id: m.user.id, username: m.user.username, globalName: m.user.global_name ?? null, nick: m.nick ?? null, member: true });
      const u = await discordCall<APIUser>(() => d.rest.get(Routes.user(params.userId)));
      return c.json({ id: u.id, username: u.username, globalName: u.global_name ?? null, nick: null, member: false });
    },
  }),
];
