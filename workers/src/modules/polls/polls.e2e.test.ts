/**
 * Polls end to end: the real Worker in workerd over the local stack (QStash delivering the
 * close jobs), the simulator playing Discord. A native poll is posted with Discord's `poll`
 * object, voted on through the simulator, ended early from the dashboard and its results read
 * back; a button poll stores one vote per member (replaced, withdrawn, never doubled) and
 * closes with its results.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import type { Poll } from './data/pollStore';
import { replyOf } from '../../platform/testing/replyOf';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let members: string[];
let rest: REST;

const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/polls${path}`, body);
const message = (id: string) => (sys.sim.state.data.messages[general] ?? []).find((m) => m.id === id) as APIMessage | undefined;

const poll = (userId: string, subcommand: string, options: Record<string, string | number | boolean>) =>
  sys.sim.interactions.send({ type: 'command', name: 'poll', subcommand, options, userId, channelId: general });
const latest = async () => (await api<{ polls: Poll[] }>('GET', '/polls')).body.polls[0]!;

beforeAll(async () => {
  sys = await startFullSystem({ shard: false, stack: { qstashRetryBaseMs: 200 } });
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  const guild = sim.state.guild(guildId);
  members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot);
  rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  expect((await dash.api('POST', `/guilds/${guildId}/modules/polls/enable`, {})).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

describe.sequential('native polls', () => {
  it('/poll native posts Discord’s poll; votes are counted by Discord; ending it early puts the final counts in the dashboard', async () => {
    const text = await replyOf(await poll(sys.sim.owner.id, 'native', { question: 'Pizza or tacos?', answers: 'Pizza | Tacos | Both', hours: 4, multiselect: false }));
    expect(text).toMatch(/Poll #\d+ posted in <#\d+>/);
    const p = await latest();
    expect(p).toMatchObject({ kind: 'native', question: 'Pizza or tacos?', answers: ['Pizza', 'Tacos', 'Both'], closedAt: null });
    const msg = message(p.messageId!)!;
    expect(msg.poll).toMatchObject({ question: { text: 'Pizza or tacos?' }, allow_multiselect: false, answers: [{ answer_id: 1, poll_media: { text: 'Pizza' } }, { answer_id: 2 }, { answer_id: 3 }] });
    expect(Date.parse(msg.poll!.expiry!) - Date.parse(p.createdAt)).toBeGreaterThan(4 * 3_600_000 - 60_000);
    const votes = sys.sim.state.messages.polls;
    votes.vote(general, msg.id, members[0]!, [1]);
    votes.vote(general, msg.id, members[1]!, [2]);
    votes.vote(general, msg.id, members[2]!, [2]);
    expect(() => votes.vote(general, msg.id, members[3]!, [1, 2])).toThrow(/one answer/);
    // Open: the dashboard reads the live counts from the message.
    expect((await latest()).results).toEqual([1, 2, 0]);
    const closed = await api<Poll>('POST', `/polls/${p.id}/close`);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.results).toEqual([1, 2, 0]);
    expect(closed.body.closedAt).not.toBeNull();
    // As Discord sends it: final counts, finalized.
    const sent = (await rest.get(Routes.channelMessage(general, p.messageId!))) as APIMessage;
    expect(sent.poll!.results).toMatchObject({ is_finalized: true, answer_counts: [{ id: 1, count: 1 }, { id: 2, count: 2 }] });
    expect(() => votes.vote(general, msg.id, members[4]!, [3])).toThrow(/ended/);
    expect((await api<{ code: string }>('POST', `/polls/${p.id}/close`)).body.code).toBe('PollClosed');
  });

  it('refuses what Discord’s polls cannot do, pointing to button polls', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `Option ${i + 1}`).join('|');
    expect(await replyOf(await poll(sys.sim.owner.id, 'native', { question: 'Too many?', answers: eleven }))).toContain('at most 10 answers: use a button poll');
    expect(await replyOf(await poll(sys.sim.owner.id, 'native', { question: 'Only one?', answers: 'Yes' }))).toContain('at least two answers');
  });
});

describe.sequential('from the dashboard', () => {
  it('posts a poll with the same checks and shapes as /poll', async () => {
    const made = await api<Poll>('POST', '/polls', { channelId: general, question: 'Next meetup?', answers: ['June', 'July'], hours: 2, kind: 'native' });
    expect(made.status, made.text).toBe(200);
    expect(message(made.body.messageId!)!.poll).toMatchObject({ question: { text: 'Next meetup?' } });
    const eleven = await api<{ code: string }>('POST', '/polls', { channelId: general, question: 'Many?', answers: Array.from({ length: 11 }, (_, i) => `n${i}`), kind: 'native' });
    expect(eleven.status).toBe(400);
    expect(eleven.body.code).toBe('PollInvalid');
  });
});

describe.sequential('button polls', () => {
  it('stores one vote per member: a second click on another answer replaces it, the same answer withdraws it; anonymous hides voters', async () => {
    const answers = Array.from({ length: 12 }, (_, i) => `Day ${i + 1}`).join(' | ');
    expect(await replyOf(await poll(sys.sim.owner.id, 'buttons', { question: 'Which day?', answers, hours: 1 }))).toMatch(/Poll #\d+ posted/);
    const p = await latest();
    expect(p).toMatchObject({ kind: 'buttons', anonymous: true, multiselect: false });
    const msg = message(p.messageId!)!;
    const buttons = (msg.components as unknown as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
    expect(buttons.map((b) => b.label)).toHaveLength(12);
    const click = async (userId: string, i: number) => replyOf(await sys.sim.interactions.send({ type: 'button', customId: buttons[i]!.custom_id, messageId: msg.id, userId, channelId: general }));
    expect(await click(members[0]!, 0)).toContain('Your vote: **Day 1** (anonymous)');
    expect(await click(members[0]!, 11)).toContain('Your vote: **Day 12**');
    // Two members voting at the same moment.
    await Promise.all([click(members[1]!, 11), click(members[2]!, 3)]);
    expect(await click(members[2]!, 3)).toBe('Your vote was withdrawn.');
    const detail = (await api<Poll & { voters: unknown }>('GET', `/polls/${p.id}`)).body;
    expect(detail.results).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(detail.voters).toBeNull();
  });

  it('multiselect toggles each answer; closing shows the results in the message and stops the votes', async () => {
    expect(await replyOf(await poll(sys.sim.owner.id, 'buttons', { question: 'Games night?', answers: 'Fri | Sat | Sun', multiselect: true, anonymous: false }))).toMatch(/posted/);
    const p = await latest();
    const msg = message(p.messageId!)!;
    const buttons = (msg.components as unknown as { components: { custom_id: string }[] }[]).flatMap((r) => r.components);
    const click = async (userId: string, i: number) => replyOf(await sys.sim.interactions.send({ type: 'button', customId: buttons[i]!.custom_id, messageId: msg.id, userId, channelId: general }));
    await click(members[5]!, 0);
    expect(await click(members[5]!, 1)).toContain('Your vote: **Fri**, **Sat**');
    await click(members[6]!, 1);
    const detail = (await api<Poll & { voters: { userId: string; answer: number }[] }>('GET', `/polls/${p.id}`)).body;
    expect(detail.voters!.filter((v) => v.userId === members[5]).map((v) => v.answer).sort()).toEqual([0, 1]);
    const closed = await api<Poll>('POST', `/polls/${p.id}/close`);
    expect(closed.body.results).toEqual([1, 2, 0]);
    const after = message(p.messageId!)!;
    expect(after.components).toEqual([]);
    expect(after.embeds[0]!.description).toContain('Poll closed · 3 votes');
    expect(await click(members[7]!, 2)).toBe('This poll has ended.');
  });
});
