import { z } from 'zod';
import { loadMe } from '../../auth/loadMe';
import { userGuilds } from '../../auth/userGuilds';
import { botPresence } from '../access/botPresence';
import { grants } from '../access/grants';
import { ACCESS_LEVELS, levelFromDiscord, strongest } from '../access/levels';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
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

const me = coreRoute({ method: 'get', path: '/me', tags: ['me'], summary: 'The logged-in user', requires: 'login', responses: jsonAnswer(Me) });
const myGuilds = coreRoute({
  method: 'get',
  path: '/guilds',
  tags: ['me'],
  summary: 'My servers: those I own, administer or manage, or was granted access to; with bot presence and an invite link',
  requires: 'login',
  responses: jsonAnswer(z.object({ guilds: z.array(GuildSummary) })),
});

/** `GET /me`, `GET /guilds`. */
export const meRoutes = coreApi()
  .openapi(me, async (c) => c.json(await loadMe(c.var.db(), c.var.config, c.var.user.id), 200))
  .openapi(myGuilds, async (c) => {
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
    return c.json({ guilds }, 200);
  });
