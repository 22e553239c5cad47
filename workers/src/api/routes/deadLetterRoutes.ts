import { z } from 'zod';
import { listDeadLetters, retryDeadLetter } from '../../ingest/deadLetters';
import { eventInbox } from '../../ingest/inbox/eventInbox';
import { audit } from '../audit';
import { route } from '../defineRoute';
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

/** Events of the guild set aside (they kept failing in delivery), and their retry (back through the EventInbox). */
export const deadLetterRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/dead-letters',
    tag: 'guild',
    summary: 'Gateway events set aside after failing, newest first (not retried yet)',
    requires: 'view',
    params: GuildParams,
    response: z.object({ deadLetters: z.array(DeadLetter) }),
    handler: async (c) => c.json({ deadLetters: await listDeadLetters(deps(c).db, deps(c).guildId) }),
  }),
  route({
    method: 'post',
    path: '/guilds/:guildId/dead-letters/:id/retry',
    tag: 'guild',
    summary: 'Puts a set-aside event back for processing (its effects still run at most once)',
    requires: 'edit',
    params: GuildParams.extend({ id: z.coerce.number().int().positive() }),
    response: z.object({ eventId: z.string() }),
    handler: async (c, { params }) => {
      const out = await retryDeadLetter(deps(c).db, params.guildId, params.id, (letter) => eventInbox(c.env).redeliver(letter));
      await audit(c, params.guildId, { action: 'event.retry', targetType: 'event', targetId: out.eventId });
      return c.json(out);
    },
  }),
];
