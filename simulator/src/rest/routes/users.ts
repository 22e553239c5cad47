import { Hono } from 'hono';
import { z } from 'zod';
import type { APIChannel } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { botCaller } from '../access.js';
import { unauthorized } from '../discordError.js';
import { parseBody, queryInt, querySnowflake } from '../parseBody.js';
import { userPayload } from '../../state/index.js';

/** The DM channel as one recipient sees it (the other user in `recipients`). */
export function dmFor(ch: APIChannel, viewerId: string): APIChannel {
  if (!('recipients' in ch) || !ch.recipients) return ch;
  return { ...ch, recipients: ch.recipients.filter((u) => u.id !== viewerId) } as APIChannel;
}

/** `/users/*`: @me (bots and OAuth users), @me/guilds with permissions, users by id, DMs. */
export const users = new Hono<RestEnv>()
  .get('/@me', (c) => {
    const caller = c.get('caller');
    const { state } = c.get('sim');
    const u = state.users.get(caller.userId);
    if (caller.kind === 'user') {
      if (!caller.scopes.includes('identify')) throw unauthorized();
      const { email, verified, ...rest } = u;
      return c.json({ ...rest, ...(caller.scopes.includes('email') ? { email: email ?? null, verified: verified ?? true } : {}) });
    }
    return c.json({ ...u, bot: true, verified: true });
  })
  .get('/@me/guilds', (c) => {
    const caller = c.get('caller');
    if (caller.kind === 'user' && !caller.scopes.includes('guilds')) throw unauthorized();
    const { state } = c.get('sim');
    const withCounts = c.req.query('with_counts') === 'true';
    const list = state.guildIdsOf(caller.userId).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const before = querySnowflake(c, 'before');
    const after = querySnowflake(c, 'after');
    const limit = queryInt(c, 'limit', 200, 1, 200);
    const sel = list.filter((id) => (!before || BigInt(id) < BigInt(before)) && (!after || BigInt(id) > BigInt(after))).slice(0, limit);
    return c.json(
      sel.map((id) => {
        const g = state.guild(id);
        return {
          id: g.id,
          name: g.name,
          icon: g.icon,
          banner: null,
          owner: g.owner_id === caller.userId,
          permissions: String(state.permissionsOf(id, caller.userId)),
          features: g.features,
          ...(withCounts ? { approximate_member_count: Object.keys(g.members).length, approximate_presence_count: 0 } : {}),
        };
      }),
    );
  })
  .get('/@me/guilds/:guildId/member', (c) => {
    const caller = c.get('caller');
    if (caller.kind === 'user' && !caller.scopes.includes('guilds.members.read')) throw unauthorized();
    const { state } = c.get('sim');
    return c.json(state.memberPayload(c.req.param('guildId'), caller.userId));
  })
  .delete('/@me/guilds/:guildId', (c) => {
    const { state } = c.get('sim');
    const me = botCaller(c);
    state.member(c.req.param('guildId'), me);
    state.members.remove(c.req.param('guildId'), me);
    return c.body(null, 204);
  })
  .post('/@me/channels', async (c) => {
    const me = botCaller(c);
    const body = await parseBody(c, z.object({ recipient_id: z.string().regex(/^\d+$/) }));
    const { state } = c.get('sim');
    const dm = state.channels.openDM(me, body.recipient_id);
    return c.json(dmFor(dm, me));
  })
  .get('/:userId', (c) => {
    botCaller(c);
    const { state } = c.get('sim');
    const id = c.req.param('userId');
    state.users.get(id);
    return c.json(userPayload(state.data, id));
  });
