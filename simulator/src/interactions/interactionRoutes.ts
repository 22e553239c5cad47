import { Hono } from 'hono';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import type { RestEnv } from '../rest/types.js';
import { SimStateError } from '../state/index.js';
import { applyCallback } from './applyCallback.js';

/** `POST /interactions/{id}/{token}/callback` (no auth: the token is the credential). */
export const interactionRoutes = new Hono<RestEnv>().post('/:id/:token/callback', async (c) => {
  const { state, interactions } = c.get('sim');
  const r = interactions.get(c.req.param('id'));
  if (!r || r.token !== c.req.param('token')) throw new SimStateError(404, 10062, 'Unknown interaction');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new SimStateError(400, 50109, 'The request body contains invalid JSON.');
  }
  const message = applyCallback(state, r, body, 'rest');
  if (c.req.query('with_response') !== 'true') return c.body(null, 204);
  const type = r.callbackType!;
  return c.json({
    interaction: {
      id: r.id,
      type: r.payload.type,
      ...(r.originalMessageId ? { response_message_id: r.originalMessageId } : {}),
      response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
      response_message_ephemeral: !!((message?.flags ?? 0) & MessageFlags.Ephemeral),
    },
    ...(message ? { resource: { type, message } } : { resource: { type } }),
  });
});
