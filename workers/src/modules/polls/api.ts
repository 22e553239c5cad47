import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { GuildAuthority } from '../../permissions';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { moduleActorId } from '../../platform/moduleActor';
import { CustomIdSigner } from '../../interactions/CustomIdSigner';
import { guildHub } from '../../platform/hub/guildHub';
import { closePoll, currentResults } from './closePoll';
import { createPoll } from './createPoll';
import { pollStore, type Poll } from './data/pollStore';
import { pollServices } from './pollServices';

const tags = ['polls'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const PollBody = z.object({
  id: z.number(), channelId: z.string(), messageId: z.string().nullable(), kind: z.enum(['native', 'buttons']), question: z.string(), answers: z.array(z.string()),
  multiselect: z.boolean(), anonymous: z.boolean(), createdBy: z.string(), createdAt: z.string(), endsAt: z.string(), closedAt: z.string().nullable(),
  results: z.array(z.number()).nullable(),
});
const PollDetail = PollBody.extend({ voters: z.array(z.object({ userId: z.string(), answer: z.number() })).nullable() });
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const PollParams = z.object({ guildId: snowflake, pollId: z.coerce.number().int().positive() });

const listRoute = moduleRoute({ method: 'get', path: '/polls', tags, requires: 'view', summary: 'Polls, newest first, with their counts (final once closed)', request: { params: z.object({ guildId: snowflake }) }, responses: ok(z.object({ polls: z.array(PollBody) }), 'Polls') });
const getRoute = moduleRoute({ method: 'get', path: '/polls/{pollId}', tags, requires: 'view', summary: 'One poll with its counts and, for a button poll that is not anonymous, who voted for what', request: { params: PollParams }, responses: ok(PollDetail, 'Poll') });
const closeRoute = moduleRoute({ method: 'post', path: '/polls/{pollId}/close', tags, requires: 'edit', permission: P.ManageMessages, summary: 'End a poll now (Manage Messages): a Discord poll is expired, a button poll shows its results', request: { params: PollParams }, responses: ok(PollBody, 'The closed poll') });

const CreateBody = z.object({
  channelId: snowflake,
  question: z.string().trim().min(1).max(300),
  answers: z.array(z.string().trim().min(1).max(80)).min(2).max(25),
  hours: z.number().int().min(1).max(768).optional(),
  multiselect: z.boolean().default(false),
  kind: z.enum(['native', 'buttons']).default('native'),
  anonymous: z.boolean().default(false),
});
const createRoute = moduleRoute({
  method: 'post', path: '/polls', tags, requires: 'edit', summary: 'Post a poll (the same checks as /poll: Send Messages and Send Polls in the channel)',
  request: { params: z.object({ guildId: snowflake }), body: { content: { 'application/json': { schema: CreateBody } } } }, responses: ok(PollBody, 'The poll posted'),
});

/** Routes under `/api/guilds/:guildId/modules/polls`. */
export function createPollsApi() {
  return createModuleApi()
    .openapi(createRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const input = c.req.valid('json');
      const actorId = moduleActorId(c);
      if (!actorId) throw new HttpError(401, 'Sign in to post a poll', { code: 'Unauthenticated' });
      const ctx = await c.var.module();
      const s = pollServices(ctx, guildId);
      const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId };
      const [guild, roles, member, channel, state] = await Promise.all([
        guildData.guild(d), guildData.roles(d), guildData.member(d, actorId).catch(() => null), guildData.channel(d, input.channelId, { fresh: true }), guildHub(c.env, guildId).getState(),
      ]);
      if (!state.modules.polls?.enabled) throw new HttpError(409, 'The Polls module is off in this server: turn it on first', { code: 'ModuleDisabled', details: { moduleId: 'polls' } });
      const actor = new GuildAuthority({ guildId, ownerId: guild.owner_id, roles }, member ? { userId: actorId, roles: member.roles } : null);
      const signer = new CustomIdSigner(ctx.appConfig.SESSION_SECRET);
      const poll = await createPoll(s, actor, channel, { ...input, hours: input.hours ?? s.config.defaultHours, anonymous: input.kind === 'buttons' && input.anonymous }, (p, ...st) => signer.sign(p, st));
      return c.json(poll, 200);
    })
    .openapi(listRoute, async (c) => {
      const s = pollServices(await c.var.module(), c.req.valid('param').guildId);
      const list = await pollStore.list(s.db, s.guildId);
      // Open polls' live counts: native ones are read from Discord (a few subrequests, at most the open ones).
      const withResults: Poll[] = await Promise.all(list.map(async (p) => ({ ...p, results: await currentResults(s, p).catch(() => null) })));
      return c.json({ polls: withResults }, 200);
    })
    .openapi(getRoute, async (c) => {
      const { guildId, pollId } = c.req.valid('param');
      const s = pollServices(await c.var.module(), guildId);
      const poll = await pollStore.get(s.db, guildId, pollId);
      if (!poll) throw new HttpError(404, 'No such poll', { code: 'NotFound' });
      const voters = poll.kind === 'buttons' && !poll.anonymous ? await pollStore.voters(s.db, poll.id) : null;
      return c.json({ ...poll, results: await currentResults(s, poll), voters }, 200);
    })
    .openapi(closeRoute, async (c) => {
      // Manage Messages: declared on the route, checked by the platform before this runs.
      const { guildId, pollId } = c.req.valid('param');
      const s = pollServices(await c.var.module(), guildId);
      const poll = await pollStore.get(s.db, guildId, pollId);
      if (!poll) throw new HttpError(404, 'No such poll', { code: 'NotFound' });
      if (poll.closedAt) throw new HttpError(409, 'This poll has already ended', { code: 'PollClosed' });
      await closePoll(s, pollId, { early: true });
      return c.json((await pollStore.get(s.db, guildId, pollId))!, 200);
    });
}

/** The Polls routes' type, for the dashboard's typed client. */
export type PollsApi = ReturnType<typeof createPollsApi>;
