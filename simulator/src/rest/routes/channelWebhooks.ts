import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits as P, WebhookType, type APIWebhook } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { channelAccess } from '../access.js';
import { SimStateError, type SimState } from '../../state/index.js';
import { parseBody } from '../parseBody.js';
import { messageSchema } from '../schemas.js';
import { checkComponents } from '../componentsV2.js';
import { userPayload } from '../../state/payloads.js';

/** A channel webhook as the simulator keeps it (the token is only shown to its creator). */
export type SimWebhook = APIWebhook & { token: string; channel_id: string; guild_id: string };

function store(state: SimState): Record<string, SimWebhook> {
  const data = state.data as typeof state.data & { webhooks?: Record<string, SimWebhook> };
  return (data.webhooks ??= {});
}

/** The channel webhook with this id and token, or Discord's 404 Unknown Webhook (also once its channel is gone). */
export function channelWebhook(state: SimState, id: string, token: string): SimWebhook | undefined {
  const w = store(state)[id];
  if (!w) return undefined;
  if (!state.data.channels[w.channel_id]) {
    delete store(state)[id];
    return undefined;
  }
  if (w.token !== token) throw new SimStateError(401, 50027, 'Invalid Webhook Token');
  return w;
}

/** `POST /channels/{id}/webhooks` (Manage Webhooks) and `GET /channels/{id}/webhooks`. */
export const channelWebhooks = new Hono<RestEnv>()
  .post('/:channelId/webhooks', async (c) => {
    const channelId = c.req.param('channelId');
    const guildId = channelAccess(c, channelId, P.ManageWebhooks);
    if (!guildId) throw new SimStateError(400, 50035, 'Invalid Form Body');
    const body = await parseBody(c, z.object({ name: z.string().min(1).max(80), avatar: z.string().nullish() }));
    if (/clyde|discord/i.test(body.name)) throw new SimStateError(400, 50035, 'Invalid Form Body');
    const { state } = c.get('sim');
    const id = state.snowflakes.next();
    const creator = userPayload(state.data, c.get('caller').userId);
    const hook: SimWebhook = {
      id,
      type: WebhookType.Incoming,
      guild_id: guildId,
      channel_id: channelId,
      user: creator,
      name: body.name,
      avatar: null,
      token: randomBytes(32).toString('base64url'),
      application_id: creator.bot ? creator.id : null,
    };
    store(state)[id] = hook;
    // Messages posted through the webhook name it as their author.
    state.data.users[id] ??= { id, username: body.name, discriminator: '0000', global_name: null, avatar: null, bot: true };
    return c.json(hook);
  })
  .get('/:channelId/webhooks', (c) => {
    const channelId = c.req.param('channelId');
    channelAccess(c, channelId, P.ManageWebhooks);
    return c.json(Object.values(store(c.get('sim').state)).filter((w) => w.channel_id === channelId));
  });

/** `POST /webhooks/{id}/{token}` for channel webhooks; `?wait=true` answers the message, else 204. */
export async function executeChannelWebhook(c: Context<RestEnv>, hook: SimWebhook) {
  const body = await parseBody(c, messageSchema.extend({ username: z.string().max(80).nullish(), avatar_url: z.string().nullish() }));
  checkComponents(body);
  if (!body.content && !body.embeds?.length && !body.components?.length && !body.attachments?.length) {
    throw new SimStateError(400, 50006, 'Cannot send an empty message');
  }
  const { state } = c.get('sim');
  const msg = state.messages.create(hook.channel_id, {
    authorId: hook.id,
    content: body.content ?? '',
    embeds: (body.embeds ?? []) as never,
    webhook_id: hook.id,
    ...(body.attachments?.length ? { attachments: body.attachments as never } : {}),
    ...(hook.application_id ? { application_id: hook.application_id } : {}),
  });
  return c.req.query('wait') === 'true' ? c.json(msg) : c.body(null, 204);
}
