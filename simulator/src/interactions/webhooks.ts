import { Hono, type Context } from 'hono';
import type { RestEnv } from '../rest/types.js';
import { SimStateError } from '../state/index.js';
import { parseBody } from '../rest/parseBody.js';
import { messageSchema } from '../rest/schemas.js';
import { checkComponents } from '../rest/componentsV2.js';
import { TOKEN_LIFE_MS, type InteractionRecord } from './InteractionStore.js';
import { channelWebhook, executeChannelWebhook } from '../rest/routes/channelWebhooks.js';
import { deleteInteractionMessage, editInteractionMessage, findInteractionMessage, postInteractionMessage, type ResponseData } from './interactionMessages.js';

/** The interaction behind an application webhook token, alive for 15 minutes (50027 after). */
function recordOf(c: Context<RestEnv>): InteractionRecord {
  const r = c.get('sim').interactions.token(c.req.param('token') ?? '');
  if (!r || r.applicationId !== c.req.param('appId')) throw new SimStateError(404, 10015, 'Unknown Webhook');
  if (Date.now() - r.createdAt > TOKEN_LIFE_MS) throw new SimStateError(401, 50027, 'Invalid Webhook Token');
  return r;
}

function messageIdOf(c: Context<RestEnv>, r: InteractionRecord): string {
  const id = c.req.param('messageId')!;
  if (id !== '@original') return id;
  if (!r.originalMessageId) throw new SimStateError(404, 10008, 'Unknown Message');
  return r.originalMessageId;
}

/**
 * Interaction follow-up webhooks: `/webhooks/{app}/{token}` and `/messages/@original|{id}`;
 * `POST /webhooks/{id}/{token}` also executes a channel webhook (`channelWebhooks.ts`).
 */
export const webhooks = new Hono<RestEnv>()
  .post('/:appId/:token', async (c) => {
    const hook = channelWebhook(c.get('sim').state, c.req.param('appId'), c.req.param('token'));
    if (hook) return executeChannelWebhook(c, hook);
    const r = recordOf(c);
    if (r.callbackType === null) throw new SimStateError(404, 10015, 'Unknown Webhook');
    const body = await parseBody(c, messageSchema);
    checkComponents(body);
    if (!body.content && !body.embeds?.length && !body.components?.length && !body.attachments?.length) throw new SimStateError(400, 50006, 'Cannot send an empty message');
    const msg = postInteractionMessage(c.get('sim').state, r, body as ResponseData, { followUp: true });
    r.followUps.push(msg.id);
    return c.json(msg);
  })
  .get('/:appId/:token/messages/:messageId', (c) => {
    const r = recordOf(c);
    return c.json(findInteractionMessage(c.get('sim').state, r, messageIdOf(c, r)).msg);
  })
  .patch('/:appId/:token/messages/:messageId', async (c) => {
    const r = recordOf(c);
    const body = await parseBody(c, messageSchema);
    checkComponents({ ...body, flags: body.flags ?? findInteractionMessage(c.get('sim').state, r, messageIdOf(c, r)).msg.flags ?? 0 });
    return c.json(editInteractionMessage(c.get('sim').state, r, messageIdOf(c, r), body as ResponseData));
  })
  .delete('/:appId/:token/messages/:messageId', (c) => {
    const r = recordOf(c);
    deleteInteractionMessage(c.get('sim').state, r, messageIdOf(c, r));
    return c.body(null, 204);
  });
