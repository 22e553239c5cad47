import { z } from 'zod';
import { loadMe } from '../../auth/loadMe';
import { userGuilds } from '../../auth/userGuilds';
import { botPresence } from '../access/botPresence';
import { grants } from '../access/grants';
import { ACCESS_LEVELS, levelFromDiscord, strongest } from '../access/levels';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { inviteUrl } from '../inviteUrl';

const Me = z.object({ id: z.string(), username: z.string(), globalName: z.string().nullable(), avatar: z.string().nullable(), isInstanceOwner: z.boolean() });
const GuildSummary = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  owner: z.boolean(),
  botPresent: z.boolean(),
  access: z.enum(ACCESS_LEVELS).nullable(),
  inviteUrl: z.string().nullable(),
});

/** `GET /me`, `GET /guilds`. */
export const meRoutes = [
  route({
    method: 'get',
    path: '/me',
    tag: 'me',
    summary: 'The logged-in user',
    requires: 'login',
    response: Me,
    handler: async (c) => c.json(await loadMe(c.var.db(), c.var.config, c.var.user.id)),
  }),
  route({
    method: 'get',
    path: '/guilds',
    tag: 'me',
    summary: 'My servers: those I own, administer or manage, or was granted access to; with bot presence and an invite link',
    requires: 'login',
    response: z.object({ guilds: z.array(GuildSummary) }),
    handler: async (c) => {
      const { db, redis, config } = deps(c);
      const userId = c.var.user.id;
      const [list, granted] = await Promise.all([userGuilds.list(db, redis, config, userId), grants.ofUser(db, userId)]);
      const mine = list
        .map((g) => ({ g, access: strongest(levelFromDiscord(g.owner, g.permissions), granted.get(g.id) ?? null) }))
        .filter((x) => x.access !== null);
      const present = await botPresence.presentAmong(db, redis, config, mine.map((x) => x.g.id));
      const guilds = mine.map(({ g, access }) => ({
        id: g.id,
        name: g.name,
        icon: g.icon,
        owner: g.owner,
        botPresent: present.has(g.id),
        access,
        inviteUrl: present.has(g.id) ? null : inviteUrl(config, g.id),
      }));
      return c.json({ guilds });
    },
  }),
];
