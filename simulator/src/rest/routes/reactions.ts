import { Hono } from 'hono';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { botCaller, channelAccess } from '../access.js';
import { queryInt, querySnowflake } from '../parseBody.js';
import { SimStateError, userPayload } from '../../state/index.js';

/** `name:id` for custom emojis, the character itself for unicode ones (as Discord's URL form). */
function emojiKey(raw: string): string {
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    throw new SimStateError(400, 10014, 'Unknown Emoji');
  }
  key = key.replace(/^a:/, '');
  if (!key || key.length > 100) throw new SimStateError(400, 10014, 'Unknown Emoji');
  return key;
}

/** Reactions: add/remove own, remove someone's, list users, clear. */
export const reactions = new Hono<RestEnv>()
  .put('/:channelId/messages/:messageId/reactions/:emoji/@me', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ReadMessageHistory | P.AddReactions);
    c.get('sim').state.messages.reactions.add(id, c.req.param('messageId'), botCaller(c), emojiKey(c.req.param('emoji')));
    return c.body(null, 204);
  })
  .delete('/:channelId/messages/:messageId/reactions/:emoji/@me', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id);
    c.get('sim').state.messages.reactions.remove(id, c.req.param('messageId'), botCaller(c), emojiKey(c.req.param('emoji')));
    return c.body(null, 204);
  })
  .delete('/:channelId/messages/:messageId/reactions/:emoji/:userId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageMessages);
    c.get('sim').state.messages.reactions.remove(id, c.req.param('messageId'), c.req.param('userId'), emojiKey(c.req.param('emoji')));
    return c.body(null, 204);
  })
  .get('/:channelId/messages/:messageId/reactions/:emoji', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ReadMessageHistory);
    const { state } = c.get('sim');
    const after = querySnowflake(c, 'after');
    const ids = state.messages.reactions
      .users(id, c.req.param('messageId'), emojiKey(c.req.param('emoji')))
      .filter((u) => !after || BigInt(u) > BigInt(after))
      .slice(0, queryInt(c, 'limit', 25, 1, 100));
    return c.json(ids.map((u) => userPayload(state.data, u)));
  })
  .delete('/:channelId/messages/:messageId/reactions/:emoji', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageMessages);
    c.get('sim').state.messages.reactions.clear(id, c.req.param('messageId'), emojiKey(c.req.param('emoji')));
    return c.body(null, 204);
  })
  .delete('/:channelId/messages/:messageId/reactions', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageMessages);
    c.get('sim').state.messages.reactions.clear(id, c.req.param('messageId'));
    return c.body(null, 204);
  });
