/**
 * Scheduler end to end: the real Worker in workerd over the local stack (its QStash delivering
 * the jobs at their time), the simulator playing Discord. Reminders are set, listed, deleted and
 * delivered once, also when the Worker restarts in between; a recurring post arrives at its
 * minute once, though two saves scheduled it twice; the quota and calendar are in the dashboard.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, startTestWorker, type FullSystem, type TestWorker } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let member: string;
let others: string[];
let restarted: TestWorker | undefined;

const messages = () => (sys.sim.state.data.messages[general] ?? []) as APIMessage[];
const remind = (userId: string, subcommand: string, options: Record<string, string | number> = {}) =>
  sys.sim.interactions.send({ type: 'command', name: 'remind', subcommand, options, userId, channelId: general });
async function until<T>(what: string, read: () => T | undefined | false, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/scheduler${path}`, body);

beforeAll(async () => {
  sys = await startFullSystem({ shard: false, stack: { qstashRetryBaseMs: 200 } });
  guildId = sys.sim.guildId;
  general = Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  // One member per test: a member may run 5 commands in 10 s (the platform's rate limit).
  [member, ...others] = Object.keys(sys.sim.state.guild(guildId).members).filter((id) => id !== sys.sim.owner.id && !sys.sim.state.users.get(id).bot) as [string, ...string[]];
  const rest = new REST({ api: sys.sim.api }).setToken(sys.sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sys.sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  expect((await api('POST', '/enable', {})).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await restarted?.stop();
  await sys?.stop();
});

describe.sequential('reminders', () => {
  it('/remind me sets one that is posted at its time, once, mentioning the member', async () => {
    const text = await replyOf(await remind(member, 'me', { when: '2s', what: 'stretch your legs' }));
    const id = Number(/Reminder #(\d+) set/.exec(text)?.[1]);
    expect(id).toBeGreaterThan(0);
    const sent = await until('the reminder', () => messages().find((m) => m.content.includes('stretch your legs')));
    expect(sent.content).toBe(`⏰ <@${member}>, you asked me to remind you: stretch your legs`);
    expect(sent.mentions.map((u) => u.id)).toEqual([member]);
    expect(await replyOf(await remind(member, 'list'))).toContain('no pending reminders');
  });

  it('lists and deletes; a deleted reminder never fires; others cannot delete it', async () => {
    const a = await replyOf(await remind(others[0]!, 'me', { when: '3s', what: 'deleted one' }));
    const id = Number(/#(\d+)/.exec(a)![1]);
    const listed = await replyOf(await remind(others[0]!, 'list'));
    expect(listed, listed).toContain(`**#${id}**`);
    expect(await replyOf(await remind(sys.sim.owner.id, 'delete', { id }))).toContain(`no pending reminder #${id}`);
    expect(await replyOf(await remind(others[0]!, 'delete', { id }))).toBe(`Reminder #${id} deleted.`);
    // A later reminder set after it arrives: by then the deleted one's job has come and gone.
    const later = await replyOf(await remind(others[0]!, 'me', { when: '4s', what: 'after the deleted one' }));
    expect(later).toMatch(/Reminder #\d+ set/);
    await until('the later reminder', () => messages().find((m) => m.content.includes('after the deleted one')));
    expect(messages().filter((m) => m.content.includes('deleted one') && !m.content.includes('after'))).toHaveLength(0);
  });

  it('refuses what is not a duration', async () => {
    expect(await replyOf(await remind(others[1]!, 'me', { when: 'tomorrowish', what: 'x' }))).toContain('is not a duration');
  });

  it('is delivered once after the Worker restarts before its time', async () => {
    await replyOf(await remind(others[1]!, 'me', { when: '45s', what: 'survives a restart' }));
    await sys.worker.stop();
    const port = Number(new URL(sys.worker.url).port);
    restarted = await startTestWorker({ vars: sys.vars, port });
    sys.worker = restarted;
    sys.sim.interactions.setEndpoint(`${sys.worker.url}/interactions`);
    await until('the reminder after the restart', () => messages().find((m) => m.content.includes('survives a restart')), 120_000);
    expect(messages().filter((m) => m.content.includes('survives a restart'))).toHaveLength(1);
  }, 180_000);
});

describe.sequential('scheduled posts', () => {
  it('posts a recurring post at its minute exactly once though two saves scheduled it; the calendar and quota show it', async () => {
    const post = { id: 'every-minute', channelId: general, repeat: 'cron', cron: '* * * * *', content: '', embedTitle: 'Daily news', embedDescription: 'Hello from the scheduler' };
    const save = (p: object) => api('PUT', '/config', { config: { timezone: 'Europe/Paris', posts: [p] } });
    expect((await save(post)).status).toBe(200);
    // A second save (another field changed) schedules the same next occurrence again.
    expect((await save({ ...post, embedColor: '#57F287' })).status).toBe(200);
    const before = (await api<{ quota: { used: number } }>('GET', '/overview')).body.quota.used;
    const overview = await api<{ upcoming: { postId: string; at: string }[]; quota: { used: number; limit: number; resetsAt: string } }>('GET', '/overview');
    expect(overview.body.upcoming.length).toBeGreaterThan(100);
    expect(overview.body.quota.limit).toBe(200);
    expect(new Date(overview.body.quota.resetsAt).getUTCDate()).toBe(1);
    const first = Date.parse(overview.body.upcoming[0]!.at);
    const posted = await until('the scheduled post', () => messages().find((m) => m.embeds[0]?.title === 'Daily news'), 120_000);
    expect(posted.embeds[0]).toMatchObject({ description: 'Hello from the scheduler', color: 0x57f287 });
    expect(Date.parse(posted.timestamp)).toBeGreaterThanOrEqual(first - 1000);
    // Stop it before the next minute, then make sure its first occurrence went out once.
    expect((await api('PUT', '/config', { config: { timezone: 'Europe/Paris', posts: [] } })).status).toBe(200);
    const after = await api<{ quota: { used: number }; recent: { ref: string; dueAt: string }[] }>('GET', '/overview');
    expect(after.body.recent.filter((r) => r.ref === 'post:every-minute' && Date.parse(r.dueAt) === first)).toHaveLength(1);
    expect(messages().filter((m) => m.embeds[0]?.title === 'Daily news' && Math.abs(Date.parse(m.timestamp) - first) < 30_000)).toHaveLength(1);
    expect(after.body.quota.used).toBe(before + 1);
  }, 180_000);
});
