/**
 * Giveaways end to end: the real Worker in workerd over the local stack (QStash delivering the
 * end job), the simulator playing Discord. Members enter by button (required role, bonus
 * entries, once each); the Worker restarts before the end and no entry is lost; the job ends it
 * on time, the message shows the winners, they are announced and DMed; a reroll draws others.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, startTestWorker, type FullSystem, type TestWorker } from '@edge/dev/testing';
import { commandBodies } from '../../../scripts/register';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';
import { replyOf } from '../../platform/testing/replyOf';
import type { Giveaway } from './data/giveawayStore';

let sys: FullSystem;
let dash: DashboardSession;
let restarted: TestWorker | undefined;
let guildId: string;
let general: string;
let members: string[];
let vip: string;
let booster: string;

const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/giveaways${path}`, body);
const messages = () => (sys.sim.state.data.messages[general] ?? []) as APIMessage[];
const giveaway = (subcommand: string, options: Record<string, string | number>) => sys.sim.interactions.send({ type: 'command', name: 'giveaway', subcommand, options, userId: sys.sim.owner.id, channelId: general });
const latest = async () => (await api<{ giveaways: Giveaway[] }>('GET', '/giveaways')).body.giveaways[0]!;

beforeAll(async () => {
  sys = await startFullSystem({ shard: false, stack: { qstashRetryBaseMs: 200 } });
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  members = Object.keys(sim.state.guild(guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.users.get(id).bot);
  vip = sim.state.roles.create(guildId, { name: 'VIP' }).id;
  booster = sim.state.roles.create(guildId, { name: 'Booster' }).id;
  for (const m of members.slice(0, 4)) sim.state.members.update(guildId, m, { roles: [vip] });
  sim.state.members.update(guildId, members[0]!, { roles: [vip, booster] });
  const rest = new REST({ api: sim.api }).setToken(sim.application.botToken);
  await rest.put(Routes.applicationGuildCommands(sim.application.id, guildId), { body: commandBodies() });
  dash = await loginDashboard(sys);
  expect((await api('POST', '/enable', {})).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await restarted?.stop();
  await sys?.stop();
});

describe.sequential('a giveaway', () => {
  it('takes entries by button (required role, bonus entries, once), survives a restart and ends on time with winners announced and DMed', async () => {
    const started = await replyOf(await giveaway('start', { prize: 'A Nitro month', duration: '40s', winners: 2, required_role: vip, bonus_role: booster, bonus_entries: 4 }));
    expect(started).toMatch(/Giveaway #\d+ started in <#\d+>/);
    const g = await latest();
    expect(g).toMatchObject({ prize: 'A Nitro month', winners: 2, requiredRoles: [vip], bonus: [{ roleId: booster, entries: 4 }] });
    const msg = messages().find((m) => m.id === g.messageId)!;
    const enter = (msg.components as unknown as { components: { custom_id: string }[] }[])[0]!.components[0]!;
    const click = async (userId: string) => replyOf(await sys.sim.interactions.send({ type: 'button', customId: enter.custom_id, messageId: msg.id, userId, channelId: general }));
    expect(await click(members[0]!)).toBe('🎉 You are in with 5 entries. Good luck!');
    expect(await click(members[1]!)).toBe('🎉 You are in. Good luck!');
    expect(await click(members[1]!)).toContain('already in');
    expect(await click(members[2]!)).toBe('🎉 You are in. Good luck!');
    expect(await click(members[6]!)).toContain('only');
    // The Worker restarts while the giveaway runs: entries are in Postgres, the end job in QStash.
    await sys.worker.stop();
    restarted = await startTestWorker({ vars: sys.vars, port: Number(new URL(sys.worker.url).port) });
    sys.worker = restarted;
    sys.sim.interactions.setEndpoint(`${restarted.url}/interactions`);
    await expect.poll(async () => (await latest()).endedAt, { timeout: 120_000, interval: 500 }).not.toBeNull();
    const ended = await latest();
    expect(ended.entries).toBe(3);
    expect(ended.winnerIds).toHaveLength(2);
    expect(members.slice(0, 3)).toEqual(expect.arrayContaining(ended.winnerIds!));
    expect(Date.parse(ended.endedAt!)).toBeGreaterThanOrEqual(Date.parse(ended.endsAt) - 1000);
    const edited = messages().find((m) => m.id === g.messageId)!;
    expect(edited.components).toEqual([]);
    expect(edited.embeds[0]!.description).toContain(`Winners: ${ended.winnerIds!.map((u) => `<@${u}>`).join(', ')}`);
    await expect.poll(() => messages().some((m) => m.content.startsWith('🎉 Congratulations') && ended.winnerIds!.every((u) => m.content.includes(`<@${u}>`)))).toBe(true);
    const dms = () => Object.values(sys.sim.state.data.messages).flat().filter((m) => (m as APIMessage).content?.startsWith('🎉 You won **A Nitro month**'));
    await expect.poll(() => dms().length).toBe(2);
    expect(await click(members[3]!)).toBe('This giveaway has ended.');
  }, 240_000);

  it('rerolls among those who did not win; refuses when nobody is left', async () => {
    const g = await latest();
    const reroll = await api<{ winners: string[] }>('POST', `/giveaways/${g.id}/reroll`);
    expect(reroll.status, reroll.text).toBe(200);
    expect(reroll.body.winners).toHaveLength(1);
    expect(g.winnerIds).not.toContain(reroll.body.winners[0]);
    const none = await api<{ code: string }>('POST', `/giveaways/${g.id}/reroll`);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('NoEntrantsLeft');
  });

  it('/giveaway end ends one early; nobody entered: nobody wins', async () => {
    await replyOf(await giveaway('start', { prize: 'Sticker pack', duration: '2h' }));
    const g = await latest();
    expect(await replyOf(await giveaway('end', { id: g.id }))).toBe(`Giveaway #${g.id} ended.`);
    expect((await latest()).winnerIds).toEqual([]);
    await expect.poll(() => messages().some((m) => m.content.includes('nobody won **Sticker pack**'))).toBe(true);
  });
});
