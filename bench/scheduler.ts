/**
 * How late scheduled deliveries arrive locally: the real Worker in workerd, the local QStash
 * delivering `scheduler.remind` and `scheduler.post` jobs at their time, the simulator as
 * Discord. 40 members each set a reminder due 10–30 s later (through `/remind me`), and three
 * recurring posts fire at the next minute; lateness = the message's creation time in the
 * simulator − the time it was due. `scheduler.on_time_p99_s` is the 99th percentile (target ≤ 2 s).
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { startFullSystem } from '@edge/dev/testing';
import { commandBodies } from '../workers/scripts/register';
import { loginDashboard } from '../workers/src/platform/testing/dashboardSession';
import type { Figure } from './run';

const REMINDERS = 40;

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Runs the suite; figures named `scheduler.*`. */
export async function runSchedulerBench(): Promise<Record<string, Figure>> {
  const sys = await startFullSystem({ shard: false, stack: { qstashRetryBaseMs: 200 } });
  try {
    const { sim } = sys;
    const guildId = sim.guildId;
    const general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
    const members = Object.keys(sim.state.guild(guildId).members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot).slice(0, REMINDERS);
    await new REST({ api: sim.api }).setToken(sim.application.botToken).put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
    const dash = await loginDashboard(sys);
    const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/scheduler${path}`, body);
    const posts = ['a', 'b', 'c'].map((id) => ({ id: `bench-${id}`, channelId: general, cron: '* * * * *', content: `bench post ${id}` }));
    const on = await api('POST', '/enable', { config: { posts } });
    if (on.status !== 200) throw new Error(`enable: ${on.text}`);
    const firstPost = Date.parse((await api<{ upcoming: { at: string }[] }>('GET', '/overview')).body.upcoming[0]!.at);
    // Members set their reminders a few at a time (the guild's interaction rate limit is 60 per 10 s).
    for (let i = 0; i < members.length; i += 10) {
      await Promise.all(members.slice(i, i + 10).map((userId, k) => sim.interactions.send({ type: 'command', name: 'remind', subcommand: 'me', options: { when: `${10 + ((i + k) % 21)}s`, what: `bench reminder ${i + k}` }, userId, channelId: general })));
    }
    // The replies are deferred: the reminders are stored just after the members see "thinking…".
    let pending: { text: string; dueAt: string }[] = [];
    const read = async () => (pending = (await api<{ reminders: { text: string; dueAt: string }[] }>('GET', '/reminders')).body.reminders);
    for (let i = 0; i < 100 && (await read()).length < members.length; i++) await new Promise((r) => setTimeout(r, 100));
    const due = new Map(pending.map((r) => [r.text, Date.parse(r.dueAt)]));
    const msgs = () => (sim.state.data.messages[general] ?? []) as APIMessage[];
    await until('every reminder and post', () => msgs().filter((m) => m.content.includes('bench reminder') || m.content.startsWith('bench post')).length >= due.size + posts.length, 150_000);
    const late: number[] = [];
    for (const m of msgs()) {
      const text = /you asked me to remind you: (bench reminder \d+)$/.exec(m.content)?.[1];
      if (text && due.has(text)) late.push(Date.parse(m.timestamp) - due.get(text)!);
      else if (m.content.startsWith('bench post') && Math.abs(Date.parse(m.timestamp) - firstPost) < 30_000) late.push(Date.parse(m.timestamp) - firstPost);
    }
    await api('PUT', '/config', { config: { posts: [] } });
    const s = late.map((ms) => ms / 1000);
    return {
      'scheduler.on_time_p99_s': { value: Number(percentile(s, 99).toFixed(2)), unit: `s: 99th percentile of how late ${s.length} deliveries (${due.size} reminders, ${posts.length} recurring posts) reached the simulator after their due time, local QStash + workerd (target ≤ 2)` },
      'scheduler.on_time_p50_s': { value: Number(percentile(s, 50).toFixed(2)), unit: 's: median lateness of the same deliveries' },
    };
  } finally {
    await sys.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSchedulerBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}
