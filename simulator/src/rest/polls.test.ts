import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { GatewayDispatchEvents, OverwriteType, PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator, type SimDispatch } from '../index.js';

let sim: Simulator;
let rest: REST;
const events: SimDispatch[] = [];

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } };
function valid(schema: Schema | undefined, data: unknown): void {
  if (!schema) throw new Error('schema missing from discord-api-spec');
  const r = schema.safeParse(data);
  expect(r.success ? [] : r.error!.issues).toEqual([]);
}
const apiError = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DiscordAPIError);
  return e as DiscordAPIError;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 10, seed: 5 });
  rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.application.botToken);
  sim.state.on('dispatch', (e) => events.push(e));
});
afterAll(async () => {
  await sim?.stop();
});

const channel = (name: string) => Object.values(sim.state.data.channels).find((x) => 'name' in x && x.name === name && 'guild_id' in x && x.guild_id === sim.guildId)!.id;
const humans = () => Object.keys(sim.state.guild(sim.guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId);
const body = { poll: { question: { text: 'Lunch?' }, answers: [{ poll_media: { text: 'Soup' } }, { poll_media: { text: 'Salad', emoji: { name: '🥗' } } }], duration: 2, allow_multiselect: false } };

describe('native polls, shaped as in discord-api-spec', () => {
  it('creates a message with a poll, counts votes as vote events, lists voters, ends it', async () => {
    const general = channel('general');
    const msg = (await rest.post(Routes.channelMessages(general), { body })) as APIMessage;
    valid(spec.MessageResponseSchema, msg);
    expect(msg.poll).toMatchObject({ question: { text: 'Lunch?' }, answers: [{ answer_id: 1 }, { answer_id: 2, poll_media: { text: 'Salad', emoji: { name: '🥗' } } }], allow_multiselect: false, results: { is_finalized: false, answer_counts: [] } });
    const [a, b] = humans();
    events.length = 0;
    sim.state.messages.polls.vote(general, msg.id, a!, [1]);
    sim.state.messages.polls.vote(general, msg.id, b!, [2]);
    sim.state.messages.polls.vote(general, msg.id, a!, [2]);
    expect(events.map((e) => [e.t, (e.d as { answer_id: number }).answer_id])).toEqual([
      [GatewayDispatchEvents.MessagePollVoteAdd, 1], [GatewayDispatchEvents.MessagePollVoteAdd, 2],
      [GatewayDispatchEvents.MessagePollVoteRemove, 1], [GatewayDispatchEvents.MessagePollVoteAdd, 2],
    ]);
    const voters = await rest.get(Routes.pollAnswerVoters(general, msg.id, 2));
    valid(spec.PollAnswerDetailsResponseSchema, voters);
    expect((voters as { users: { id: string }[] }).users.map((u) => u.id).sort()).toEqual([a, b].sort());
    const ended = (await rest.post(Routes.expirePoll(general, msg.id))) as APIMessage;
    valid(spec.MessageResponseSchema, ended);
    expect(ended.poll!.results).toEqual({ is_finalized: true, answer_counts: [{ id: 2, count: 2, me_voted: false }] });
    expect(() => sim.state.messages.polls.vote(general, msg.id, a!, [1])).toThrow(/ended/);
    expect((await apiError(rest.post(Routes.expirePoll(general, msg.id)))).status).toBe(400);
  });

  it('refuses a poll without Send Polls, a poll edit, and ending another author’s poll', async () => {
    const general = channel('general');
    sim.state.channels.setOverwrite(general, { id: sim.application.botUserId, type: OverwriteType.Member, allow: '0', deny: String(P.SendPolls) });
    expect((await apiError(rest.post(Routes.channelMessages(general), { body }))).code).toBe(50013);
    sim.state.channels.setOverwrite(general, { id: sim.application.botUserId, type: OverwriteType.Member, allow: '0', deny: '0' });
    const theirs = sim.state.messages.create(general, { authorId: sim.owner.id, poll: body.poll });
    expect((await apiError(rest.post(Routes.expirePoll(general, theirs.id)))).status).toBe(403);
    const mine = (await rest.post(Routes.channelMessages(general), { body: { content: 'no poll yet' } })) as APIMessage;
    const edited = (await rest.patch(Routes.channelMessage(general, mine.id), { body: { content: 'still none', ...body } })) as APIMessage;
    expect(edited.poll).toBeUndefined();
    expect((await apiError(rest.post(Routes.channelMessages(general), { body: { poll: { ...body.poll, duration: 800 } } }))).status).toBe(400);
  });
});
