/**
 * Logging end to end: the real Worker in workerd over the local stack, the simulator playing
 * Discord, the gateway shard forwarding its events. Enabled from the dashboard API with one
 * log channel; members' edits, deletions and a role created in Discord's UI reach the log
 * channel through the bot's webhook, batched; a second log channel is refused on Free.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { commandBodies } from '../../../scripts/register';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';

let sys: FullSystem;
let dash: DashboardSession;
let guildId: string;
let general: string;
let logChannel: string;
let members: string[];

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 200 });
const logged = () => ((sys.sim.state.data.messages[logChannel] ?? []) as APIMessage[]).filter((m) => m.webhook_id);
const loggedText = () => logged().flatMap((m) => m.embeds.map((e) => `${e.title} ${e.description ?? ''} ${(e.fields ?? []).map((f) => f.value).join(' ')}`)).join('\n');

beforeAll(async () => {
  sys = await startFullSystem();
  const { sim } = sys;
  guildId = sim.guildId;
  const channels = Object.values(sim.state.data.channels).filter((c) => 'guild_id' in c && c.guild_id === guildId);
  general = channels.find((c) => c.name === 'general')!.id;
  logChannel = sim.state.channels.create(guildId, { name: 'server-log', type: 0 }).id;
  const guild = sim.state.guild(guildId);
  members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.users.get(id).bot);
  dash = await loginDashboard(sys);
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
}, 240_000);

afterAll(async () => {
  await sys?.stop();
});

describe('logging (real Worker, shard, simulator)', () => {
  it('refuses a second log channel on Free, then logs edits, deletions and role changes through one webhook', async () => {
    const over = await dash.api('POST', `/guilds/${guildId}/modules/logging/enable`, { config: { routes: { messageEdit: logChannel, roles: general } } });
    expect(over.status, over.text).toBe(403);
    expect(over.text).toContain('ModuleLimitExceeded');
    const on = await dash.api('POST', `/guilds/${guildId}/modules/logging/enable`, {
      config: { routes: { messageEdit: logChannel, messageDelete: logChannel, messageBulkDelete: logChannel, roles: logChannel } },
    });
    expect(on.status, on.text).toBe(200);
    // The hub pushed the guild's new needs to the shard: new messages, with their content (for this guild only).
    await poll(() => sys.shard!.shard.policy.config?.guilds[guildId] ?? []).toEqual(expect.arrayContaining(['MESSAGE_CREATE', 'MESSAGE_CREATE.content']));

    const { state } = sys.sim;
    const m = state.messages.create(general, { authorId: members[0]!, content: 'first draft' });
    state.messages.update(general, m.id, { content: 'second draft' });
    await poll(() => loggedText()).toContain('second draft');
    // The hub kept the previous version: the next edit shows it as "before".
    state.messages.update(general, m.id, { content: 'final text' });
    const ids = Array.from({ length: 30 }, (_, i) => state.messages.create(general, { authorId: members[i % 3]!, content: `chatter ${i}` }).id);
    for (const id of ids) state.messages.delete(general, id);
    state.roles.create(guildId, { name: 'Event hosts' }, { actorId: sys.sim.owner.id });

    await poll(() => loggedText()).toContain('final text');
    expect(logged().some((x) => x.embeds.some((e) => e.fields?.[0]?.value === 'second draft' && e.fields[1]?.value === 'final text'))).toBe(true);
    // Never edited, yet logged as they were: the hub kept their content from MESSAGE_CREATE.
    await poll(() => ids.filter((_, i) => !new RegExp(`\\(<@\\d+>\\): chatter ${i} ?$`, 'm').test(loggedText())).length).toBe(0);
    await poll(() => loggedText()).toContain('Event hosts');
    // 32 entries, far fewer messages; every one from the same webhook.
    expect(logged().length).toBeLessThanOrEqual(12);
    expect(new Set(logged().map((x) => x.webhook_id)).size).toBe(1);
  });

  it('ordinary chatter: a message deleted minutes later and one edited show their text; a /purge posts the transcript as a file', async () => {
    const { state } = sys.sim;
    const mod = await dash.api('POST', `/guilds/${guildId}/modules/moderation/enable`, {});
    expect(mod.status, mod.text).toBe(200);
    const said = Array.from({ length: 12 }, (_, i) => state.messages.create(general, { authorId: members[3 + (i % 4)]!, content: `anyone up for a game ${i}` }));
    // Whether they reach the hub in the same batch as the edit below or an earlier one, the edit finds the text.
    state.messages.update(general, said[0]!.id, { content: 'anyone up for a raid' });
    await poll(() => loggedText()).toContain('anyone up for a raid');
    expect(logged().some((x) => x.embeds.some((e) => e.fields?.[0]?.value === 'anyone up for a game 0'))).toBe(true);
    state.messages.delete(general, said[1]!.id);
    await poll(() => loggedText()).toMatch(/\(<@\d+>\): anyone up for a game 1 ?$/m);
    const r = await sys.sim.interactions.send({ type: 'command', name: 'purge', userId: sys.sim.owner.id, channelId: general, options: { count: 5, contains: 'anyone up for a game' } });
    expect(r, `${r.reason}: ${r.detail}`).toMatchObject({ failed: false });
    const purge = async () => logged().find((x) => x.attachments.some((a) => a.filename.startsWith('bulk-delete-')));
    await poll(async () => !!(await purge()), 60_000).toBe(true);
    const msg = (await purge())!;
    expect(msg.embeds[0]).toMatchObject({ title: '5 messages purged', footer: { text: '5 of 5 kept' } });
    const transcript = await (await fetch(msg.attachments[0]!.url)).text();
    for (const m of said.slice(-5)) expect(transcript).toContain(`: ${m.content}\n`);
  }, 120_000);

  it('/audit export answers the owner with CSV and JSON files; the dashboard serves the same report', async () => {
    // On already (first test) or turned on here when run alone.
    await dash.api('POST', `/guilds/${guildId}/modules/logging/enable`, { config: { routes: { messageEdit: logChannel } } });
    const r = await sys.sim.interactions.send({ type: 'command', name: 'audit', userId: sys.sim.owner.id, channelId: general, subcommand: 'export' });
    expect(r, `${r.reason}: ${r.detail}`).toMatchObject({ failed: false });
    const withFiles = async () => r.record.ephemeral.find((m) => m.attachments.length > 0);
    // Polled on a text that says what the member saw meanwhile (an error reply shows in the failure).
    await poll(async () => ((await withFiles()) ? 'files' : JSON.stringify(r.record.ephemeral.map((m) => m.content))), 100_000).toBe('files');
    const files = (await withFiles())!.attachments;
    expect(files.map((f) => f.filename.replace(/\d{4}-\d\d-\d\d/, 'DATE'))).toEqual(['server-audit-DATE.csv', 'server-audit-DATE.json']);
    const csv = await (await fetch(files[0]!.url)).text();
    expect(csv).toContain('"role","Admin"');
    expect(csv).toContain('"Administrator"');
    const json = JSON.parse(await (await fetch(files[1]!.url)).text()) as { roles: { name: string; members: unknown[] }[] };
    expect(json.roles.find((x) => x.name === 'Moderator')?.members.length).toBeGreaterThan(0);
    const res = await dash.api('GET', `/guilds/${guildId}/modules/logging/audit-export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('"channel","general"');
    // The deferred export reads every role, channel and member from Discord: on a loaded 2-core CI box it can take over a minute.
  }, 120_000);

  it('the dashboard says when a log channel is deleted', async () => {
    const ok = await dash.api<{ channels: { channelId: string; status: string; name: string }[] }>('GET', `/guilds/${guildId}/modules/logging/channels`);
    expect(ok.body.channels).toEqual([expect.objectContaining({ channelId: logChannel, status: 'ok', name: 'server-log' })]);
    sys.sim.state.channels.delete(logChannel);
    const gone = await dash.api<{ channels: { status: string }[] }>('GET', `/guilds/${guildId}/modules/logging/channels`);
    expect(gone.body.channels).toEqual([expect.objectContaining({ status: 'missing' })]);
  });
});
