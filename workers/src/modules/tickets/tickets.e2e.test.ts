/**
 * Tickets end to end: the real Worker and the simulator. A member opens a ticket from the panel
 * through its form (modal); a private channel appears for them and the staff role only; staff
 * claim, add and remove a member, rename; the member closes it with a reason: the HTML
 * transcript is stored, linked and attached in the log channel and sent to the member; staff
 * reopen it; the statistics show first-response and resolution times per category and staff.
 */
import { REST } from '@discordjs/rest';
import { PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';
import type { Ticket } from './data/ticketStore';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let logChannel: string;
let staffRole: string;
let members: string[];

const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/tickets${path}`, body);
const messages = (ch: string) => (sys.sim.state.data.messages[ch] ?? []) as APIMessage[];
const buttons = (m: APIMessage) => (m.components as unknown as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
const ticketCmd = (userId: string, channelId: string, subcommand: string, options: Record<string, string> = {}) => sys.sim.interactions.send({ type: 'command', name: 'ticket', subcommand, options, userId, channelId });
const sees = (userId: string, channelId: string) => (sys.sim.state.permissionsOf(guildId, userId, channelId) & P.ViewChannel) !== 0n;

beforeAll(async () => {
  sys = await startFullSystem({ shard: false });
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  logChannel = sim.state.channels.create(guildId, { name: 'ticket-log', type: 0 }).id;
  staffRole = sim.state.roles.create(guildId, { name: 'Support staff' }).id;
  members = Object.keys(sim.state.guild(guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.users.get(id).bot && !(sim.state.permissionsOf(guildId, id) & (P.ManageChannels | P.Administrator)));
  sim.state.members.update(guildId, members[1]!, { roles: [staffRole] });
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  const on = await api('POST', '/enable', { config: {
    logChannelId: logChannel, dmTranscript: true,
    categories: [{ id: 'support', label: 'Support', staffRoles: [staffRole], questions: [{ label: 'What happened?', long: true, required: true }, { label: 'Order number', required: false }] }, { id: 'appeal', label: 'Appeal', staffRoles: [staffRole] }],
  } });
  expect(on.status, on.text).toBe(200);
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

describe.sequential('a ticket’s life', () => {
  let ticket: Ticket;

  it('the panel opens the category’s form, then a private channel for the member and the staff', async () => {
    const posted = await api<{ messageId: string }>('POST', '/panel', { channelId: general });
    expect(posted.status, posted.text).toBe(200);
    const panel = messages(general).find((m) => m.id === posted.body.messageId)!;
    expect(buttons(panel).map((b) => b.label)).toEqual(['Support', 'Appeal']);
    const opened = await sys.sim.interactions.send({ type: 'button', customId: buttons(panel)[0]!.custom_id, messageId: panel.id, userId: members[0]!, channelId: general });
    expect(opened.modal?.title).toBe('Support: new ticket');
    const form = await sys.sim.interactions.send({ type: 'modal', customId: opened.modal!.custom_id, fields: { q0: 'My order never arrived', q1: 'A-42' }, userId: members[0]!, channelId: general });
    expect(await replyOf(form)).toMatch(/Your ticket is open: <#\d+>/);
    ticket = (await api<{ tickets: Ticket[] }>('GET', '/tickets')).body.tickets[0]!;
    expect(ticket).toMatchObject({ number: 1, category: 'support', openerId: members[0], status: 'open', answers: [{ question: 'What happened?', answer: 'My order never arrived' }, { question: 'Order number', answer: 'A-42' }] });
    const ch = ticket.channelId!;
    expect(sys.sim.state.channels.get(ch)).toMatchObject({ name: 'support-1' });
    expect([sees(members[0]!, ch), sees(members[1]!, ch), sees(members[2]!, ch)]).toEqual([true, true, false]);
    const first = messages(ch)[0]!;
    expect(first.embeds[0]!.fields).toEqual([{ name: 'What happened?', value: 'My order never arrived' }, { name: 'Order number', value: 'A-42' }]);
    expect(buttons(first).map((b) => b.label)).toEqual(['Claim', 'Close']);
  });

  it('staff claim, add and remove a member and rename; a member who is not staff cannot', async () => {
    const ch = ticket.channelId!;
    expect(await replyOf(await ticketCmd(members[0]!, ch, 'claim'))).toContain('Only the staff');
    const claim = buttons(messages(ch)[0]!)[0]!;
    expect(await replyOf(await sys.sim.interactions.send({ type: 'button', customId: claim.custom_id, messageId: messages(ch)[0]!.id, userId: members[1]!, channelId: ch }))).toBe('You claimed ticket #1.');
    sys.sim.state.messages.create(ch, { authorId: members[1]!, content: 'Hi! Looking into it.' });
    expect(await replyOf(await ticketCmd(members[1]!, ch, 'add', { member: members[2]! }))).toContain('was added');
    expect(sees(members[2]!, ch)).toBe(true);
    expect(await replyOf(await ticketCmd(members[1]!, ch, 'remove', { member: members[2]! }))).toContain('was removed');
    expect(sees(members[2]!, ch)).toBe(false);
    expect(await replyOf(await ticketCmd(members[1]!, ch, 'remove', { member: members[0]! }))).toContain('cannot be removed');
    expect(await replyOf(await ticketCmd(members[1]!, ch, 'rename', { name: 'Order A-42' }))).toBe('Ticket #1 renamed to #order-a-42.');
    expect(sys.sim.state.channels.get(ch)).toMatchObject({ name: 'order-a-42' });
  });

  it('closing with a reason stores the transcript, logs it with the file and DMs it; staff reopen it', async () => {
    const ch = ticket.channelId!;
    sys.sim.state.messages.create(ch, { authorId: members[0]!, content: 'Thanks, <b>found</b> it!' });
    expect(await replyOf(await ticketCmd(members[0]!, ch, 'close', { reason: 'Solved' }))).toBe('Ticket #1 closed.');
    expect(sees(members[0]!, ch)).toBe(false);
    expect(await replyOf(await ticketCmd(members[0]!, general, 'close'))).toContain('not a ticket');
    const transcript = await api<unknown>('GET', `/tickets/${ticket.id}/transcript`);
    expect(transcript.status).toBe(200);
    expect(transcript.text).toContain('Hi! Looking into it.');
    expect(transcript.text).toContain('Thanks, &lt;b&gt;found&lt;/b&gt; it!');
    expect(transcript.text).toContain('My order never arrived');
    const logged = () => messages(logChannel).find((m) => m.embeds[0]?.title === '🎫 Ticket #1 closed');
    await expect.poll(logged, { timeout: 10_000 }).toBeTruthy();
    const log = logged()!;
    expect(log.embeds[0]!.description).toContain(`/tickets/${ticket.id}/transcript`);
    expect(log.attachments.map((a) => a.filename)).toEqual(['ticket-1.html']);
    const dm = Object.values(sys.sim.state.data.messages).flat().find((m) => (m as APIMessage).content?.startsWith('Your ticket #1')) as APIMessage | undefined;
    expect(dm?.attachments.map((a) => a.filename)).toEqual(['ticket-1.html']);
    const closed = (await api<{ tickets: Ticket[] }>('GET', '/tickets')).body.tickets[0]!;
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'Solved', closedBy: members[0], claimedBy: members[1], firstResponderId: members[1] });
    expect(await replyOf(await ticketCmd(members[1]!, ch, 'close'))).toContain('already closed');
    const reopen = buttons(messages(ch).at(-1)!)[0]!;
    expect(await replyOf(await sys.sim.interactions.send({ type: 'button', customId: reopen.custom_id, messageId: messages(ch).at(-1)!.id, userId: members[1]!, channelId: ch }))).toBe('Ticket #1 reopened.');
    expect(sees(members[0]!, ch)).toBe(true);
  });

  it('statistics per category and staff member; the open-ticket limit holds', async () => {
    const { stats } = (await api<{ stats: { key: string; by: string; open: number; closed: number; firstResponseS: number | null }[] }>('GET', '/stats')).body;
    expect(stats.find((x) => x.by === 'category' && x.key === 'support')).toMatchObject({ open: 1, closed: 0 });
    expect(stats.find((x) => x.by === 'staff' && x.key === members[1])?.firstResponseS).toBeGreaterThanOrEqual(0);
    const panel = messages(general).find((m) => buttons(m).some((b) => b.label === 'Appeal'))!;
    const appeal = buttons(panel)[1]!;
    const open = () => sys.sim.interactions.send({ type: 'button', customId: appeal.custom_id, messageId: panel.id, userId: members[0]!, channelId: general });
    expect(await replyOf(await open())).toMatch(/Your ticket is open/);
    expect(await replyOf(await open())).toContain('already have 2 open tickets');
  });
});
