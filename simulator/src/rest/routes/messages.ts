import { Hono } from 'hono';
import { z } from 'zod';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { auditOf, botCaller, channelAccess } from '../access.js';
import { parseBody, queryInt, querySnowflake } from '../parseBody.js';
import { messageSchema, snowflake } from '../schemas.js';
import { checkComponents } from '../componentsV2.js';
import { invalidFormBody, missingPermissions } from '../discordError.js';
import { messagePayload, snowflakeTime, SimStateError, userPayload, type MessageInput } from '../../state/index.js';
import { reactions } from './reactions.js';

const BULK_MAX_AGE_MS = 14 * 86_400_000;

/** Turns a validated body into store input (null → absent). */
export function messageInput(body: z.infer<typeof messageSchema>): Omit<MessageInput, 'authorId'> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== null && v !== undefined && k !== 'allowed_mentions' && k !== 'sticker_ids' && k !== 'enforce_nonce')) as never;
}

/** Messages: list, get, send, edit, delete, bulk-delete; reactions mounted below. */
export const messages = new Hono<RestEnv>()
  .get('/:channelId/messages', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ReadMessageHistory);
    const me = c.get('caller').userId;
    const list = c.get('sim').state.messages.list(id, {
      limit: queryInt(c, 'limit', 50, 1, 100),
      before: querySnowflake(c, 'before'),
      after: querySnowflake(c, 'after'),
      around: querySnowflake(c, 'around'),
    });
    return c.json(list.map((m) => messagePayload(m, me)));
  })
  .get('/:channelId/messages/:messageId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ReadMessageHistory);
    return c.json(messagePayload(c.get('sim').state.messages.get(id, c.req.param('messageId')), c.get('caller').userId));
  })
  .post('/:channelId/messages', async (c) => {
    const id = c.req.param('channelId');
    const me = botCaller(c);
    const body = await parseBody(c, messageSchema);
    checkComponents(body);
    channelAccess(c, id, P.SendMessages | (body.embeds?.length ? P.EmbedLinks : 0n) | (body.poll ? P.SendPolls : 0n));
    if (!body.content && !body.embeds?.length && !body.components?.length && !body.sticker_ids?.length && !body.poll) {
      throw new SimStateError(400, 50006, 'Cannot send an empty message');
    }
    // enforce_nonce: the same author's message with this nonce from the last few minutes is returned, none created.
    const same = body.enforce_nonce && body.nonce != null ? c.get('sim').state.messages.findByNonce(id, me, body.nonce) : undefined;
    if (same) return c.json(messagePayload(same, me));
    const msg = c.get('sim').state.messages.create(id, { ...messageInput(body), authorId: me });
    return c.json(msg);
  })
  .patch('/:channelId/messages/:messageId', async (c) => {
    const id = c.req.param('channelId');
    const me = botCaller(c);
    channelAccess(c, id);
    const { state } = c.get('sim');
    const msg = state.messages.get(id, c.req.param('messageId'));
    if (msg.author.id !== me) throw new SimStateError(403, 50005, 'Cannot edit a message authored by another user');
    const body = await parseBody(c, messageSchema);
    checkComponents({ ...body, flags: body.flags ?? msg.flags ?? 0 });
    // A poll cannot be added or changed by an edit (Discord ignores it).
    const { poll: _poll, ...patch } = messageInput(body);
    return c.json(state.messages.update(id, msg.id, patch));
  })
  .delete('/:channelId/messages/:messageId', (c) => {
    const id = c.req.param('channelId');
    const me = botCaller(c);
    const { state } = c.get('sim');
    const msg = state.messages.get(id, c.req.param('messageId'));
    const guildId = channelAccess(c, id);
    if (msg.author.id !== me) {
      if (!guildId) throw new SimStateError(403, 50003, 'Cannot execute action on a DM channel');
      const have = state.permissionsOf(guildId, me, id);
      if (!(have & P.ManageMessages)) throw missingPermissions();
    }
    state.messages.delete(id, msg.id, auditOf(c));
    return c.body(null, 204);
  })
  .post('/:channelId/messages/bulk-delete', async (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ManageMessages);
    const body = await parseBody(c, z.object({ messages: z.array(snowflake).min(2).max(100) }));
    const now = Date.now();
    if (body.messages.some((m) => now - snowflakeTime(m) > BULK_MAX_AGE_MS)) {
      throw new SimStateError(400, 50034, 'You can only bulk delete messages that are under 14 days old.');
    }
    const ids = [...new Set(body.messages)];
    if (ids.length < 2) throw invalidFormBody({ messages: 'Must be between 2 and 100 unique ids.' });
    c.get('sim').state.messages.bulkDelete(id, ids, auditOf(c));
    return c.body(null, 204);
  })
  .route('/', reactions)
  .get('/:channelId/polls/:messageId/answers/:answerId', (c) => {
    const id = c.req.param('channelId');
    channelAccess(c, id, P.ReadMessageHistory);
    const { state } = c.get('sim');
    const ids = state.messages.polls.voters(id, c.req.param('messageId'), Number(c.req.param('answerId')), { after: querySnowflake(c, 'after'), limit: queryInt(c, 'limit', 25, 1, 100) });
    return c.json({ users: ids.map((u) => userPayload(state.data, u)) });
  })
  .post('/:channelId/polls/:messageId/expire', (c) => {
    const id = c.req.param('channelId');
    const me = botCaller(c);
    channelAccess(c, id);
    const { state } = c.get('sim');
    state.messages.polls.expire(id, c.req.param('messageId'), me);
    return c.json(messagePayload(state.messages.get(id, c.req.param('messageId')), me));
  });
