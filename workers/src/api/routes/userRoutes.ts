import { Routes, type APIUser } from 'discord-api-types/v10';
import { z } from 'zod';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { guildData } from '../discord/guildData';
import { GuildUserParams } from '../schemas';

const UserName = z.object({ id: z.string(), username: z.string(), globalName: z.string().nullable(), nick: z.string().nullable(), member: z.boolean() });

const userName = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/users/{userId}',
  tags: ['members'],
  summary: "A user's name (member of the server or not)",
  requires: 'view',
  request: { params: GuildUserParams },
  responses: jsonAnswer(UserName),
});

/**
 * A user's name for the dashboard, member or not: departed members, banned users and audit
 * actors are shown by name, not by id. Members come from the guild, others from Discord's user read.
 */
export const userRoutes = coreApi().openapi(userName, async (c) => {
  const params = c.req.valid('param');
  const d = deps(c);
  const m = await guildData.member(d, params.userId).catch(() => null);
  if (m) return c.json({ id: m.user.id, username: m.user.username, globalName: m.user.global_name ?? null, nick: m.nick ?? null, member: true }, 200);
  const u = await discordCall<APIUser>(() => d.rest.get(Routes.user(params.userId)));
  return c.json({ id: u.id, username: u.username, globalName: u.global_name ?? null, nick: null, member: false }, 200);
});
