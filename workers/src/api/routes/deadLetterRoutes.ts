import { z } from 'zod';
import { listDeadLetters, retryDeadLetter } from '../../ingest/deadLetters';
import { eventInbox } from '../../ingest/inbox/eventInbox';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { deps } from '../deps';
import { GuildParams } from '../schemas';

const DeadLetter = z.object({
  id: z.number(),
  eventId: z.string(),
  type: z.string(),
  stage: z.enum(['store', 'process']),
  error: z.string(),
  createdAt: z.string(),
  retriedAt: z.string().nullable(),
});

const list = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/dead-letters',
  tags: ['guild'],
  summary: 'Gateway events set aside after failing, newest first (not retried yet)',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(z.object({ deadLetters: z.array(DeadLetter) })),
});
const retry = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/dead-letters/{id}/retry',
  tags: ['guild'],
  summary: 'Puts a set-aside event back for processing (its effects still run at most once)',
  requires: 'edit',
  request: { params: GuildParams.extend({ id: z.coerce.number().int().positive() }) },
  responses: jsonAnswer(z.object({ eventId: z.string() })),
});

/** Events of the guild set aside (they kept failing in delivery), and their retry (back through the EventInbox). */
export const deadLetterRoutes = coreApi()
  .openapi(list, async (c) => c.json({ deadLetters: await listDeadLetters(deps(c).db, deps(c).guildId) }, 200))
  .openapi(retry, async (c) => {
    const params = c.req.valid('param');
    const out = await retryDeadLetter(deps(c).db, params.guildId, params.id, (letter) => eventInbox(c.env).redeliver(letter));
    await audit(c, params.guildId, { action: 'event.retry', targetType: 'event', targetId: out.eventId });
    return c.json(out, 200);
  });
