import type { APIAttachment } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AutomodConfig } from '../config';
import { automodHarness, type AutomodHarness } from '../testing/automodHarness';
import { AutomodLocal } from './AutomodLocal';

/**
 * Our own rules, as the hub runs them: messages and joins the simulator emits go through the
 * batch handler; what is caught is deleted in the simulator, warned/timed out/kicked through
 * Moderation (cases in Postgres), and posted to the log channel.
 */
let h: AutomodHarness;
let logChannel: string;
let general: string;
let memes: string;
let trusted: string;
beforeAll(async () => {
  h = await automodHarness();
  logChannel = ((await h.rest.post(`/guilds/${h.guildId}/channels`, { body: { name: 'automod-log', type: 0 } })) as { id: string }).id;
  general = h.sim.demo.channels.general!;
  memes = h.sim.demo.channels.memes!;
  trusted = h.sim.state.roles.create(h.guildId, { name: 'Trusted' }).id;
});
afterAll(() => h?.close());
beforeEach(() => h.clear());

let made = 0;
/** A new member (a fresh account unless `ageDays`), joined quietly. */
function member(ageDays = 400, roles: string[] = []): string {
  const id = ageDays ? String((BigInt(Date.now() - ageDays * 86_400_000 - 1_420_070_400_000) << 22n) + BigInt(++made)) : undefined;
  const u = h.sim.state.users.create({ username: `m${Math.random().toString(36).slice(2, 8)}`, ...(id ? { id } : {}) });
  h.sim.state.quietly(() => h.sim.state.members.add(h.guildId, u.id, { roles }));
  return u.id;
}
const file = (filename: string): APIAttachment => ({ id: '1', filename, size: 10, url: `https://cdn.example/${filename}`, proxy_url: `https://cdn.example/${filename}` });
const post = (authorId: string, content: string, channelId = general, files: string[] = []) => h.sim.state.messages.create(channelId, { authorId, content, attachments: files.map(file) }).id;
const exists = (id: string, channelId = general) => (h.sim.state.data.messages[channelId] ?? []).some((m) => m.id === id);
const on = (rule: Record<string, unknown>) => ({ enabled: true, action: 'delete', ...rule });
const logTitles = () => (h.sim.state.data.messages[logChannel] ?? []).flatMap((m) => m.embeds.map((e) => e.title));

describe('message rules in the hub', () => {
  it('each trigger type deletes what it catches and nothing else', async () => {
    const config = h.config({
      logChannelId: logChannel,
      rules: {
        rate: on({ messages: 4, seconds: 10 }), duplicates: on({ count: 3, seconds: 60 }), invites: on({ allowedCodes: ['ours'] }),
        links: on({ mode: 'block', domains: ['evil.com'] }), caps: on({ percent: 70, minLength: 10 }), emoji: on({ max: 3 }),
        attachments: on({ extensions: ['exe'] }),
      },
    });
    const [a, b, c, d, e, f, g] = Array.from({ length: 7 }, () => member());
    const fast = Array.from({ length: 5 }, (_, i) => post(a!, `hello number ${i}`));
    const dup = [post(b!, 'buy my stuff'), post(b!, 'Buy my  stuff'), post(b!, 'buy my stuff')];
    const inv = [post(c!, 'join discord.gg/abc123 now'), post(c!, 'our server: discord.gg/ours')];
    const links = [post(d!, 'see https://sub.evil.com/x'), post(d!, 'see https://good.com/x')];
    const caps = [post(e!, 'THIS IS ALL SHOUTING TEXT'), post(e!, 'This Is Fine And Calm'), post(e!, 'OK')];
    const emoji = [post(f!, '🎉🎉🎉🎉 party <:pepe:123456789012345678>'), post(f!, 'nice 🎉')];
    const files = [post(g!, 'look', general, ['setup.EXE']), post(g!, 'cat', general, ['cat.png'])];
    await h.batch(config);
    expect(fast.map((id) => exists(id))).toEqual([true, true, true, true, false]);
    expect(dup.map((id) => exists(id))).toEqual([true, true, false]);
    expect([...inv, ...links, ...caps, ...emoji, ...files].map((id) => exists(id))).toEqual([false, true, false, true, false, true, true, false, true, false, true]);
    expect(logTitles().sort()).toEqual(['Automod · Attachments', 'Automod · Capitals', 'Automod · Duplicate messages', 'Automod · Emoji flood', 'Automod · Invite links', 'Automod · Links', 'Automod · Message rate']);
  });

  it('warns, times out and kicks through Moderation (cases with source automod), once per member per flood', async () => {
    const config = h.config({ rules: { rate: on({ messages: 3, seconds: 10, action: 'timeout', timeoutSeconds: 600 }), invites: on({ action: 'warn' }), links: on({ mode: 'allow', domains: ['good.com'], action: 'kick' }) } });
    const [a, b, c] = [member(), member(), member()];
    for (let i = 0; i < 7; i++) post(a!, `flood ${i}`);
    post(b!, 'discord.gg/elsewhere');
    post(c!, 'https://bad.example/x');
    await h.batch(config);
    const of = async (id: string) => (await h.cases(id)).map((x) => [x.type, x.source]);
    expect(await of(a!)).toEqual([['timeout', 'automod']]);
    expect(Date.parse(h.sim.state.member(h.guildId, a!).communication_disabled_until!)).toBeGreaterThan(Date.now() + 500_000);
    expect(await of(b!)).toEqual([['warn', 'automod']]);
    expect(await of(c!)).toEqual([['kick', 'automod']]);
    expect(h.sim.state.guild(h.guildId).members[c!]).toBeUndefined();
    expect((h.sim.state.data.messages[general] ?? []).filter((m) => m.author.id === a).length).toBe(3);
  });

  it('holds to its conditions: only-in channels, exempt channels and roles, account age; “log only” deletes nothing', async () => {
    const config = h.config({
      logChannelId: logChannel,
      rules: {
        caps: on({ channels: [general], exemptRoles: [trusted], minLength: 5 }),
        emoji: on({ max: 1, exemptChannels: [memes], maxAccountAgeDays: 7, action: 'log' }),
        invites: on({ maxAccountAgeDays: 7 }),
      },
    });
    const [old, fresh, vip] = [member(), member(0), member(400, [trusted])];
    const ids = [
      post(old!, 'SHOUTING HERE'), post(old!, 'SHOUTING THERE', memes), post(vip!, 'VIP SHOUTING'),
      post(old!, 'discord.gg/zzz'), post(fresh!, 'discord.gg/zzz'),
    ];
    const emojiFresh = post(fresh!, '🎉🎉 hi');
    post(fresh!, '🎉🎉 hi', memes);
    const before = logTitles().length;
    await h.batch(config);
    expect(ids.map((id, i) => exists(id, i === 1 ? memes : general))).toEqual([false, true, true, true, false]);
    expect(exists(emojiFresh)).toBe(true);
    expect(logTitles().slice(before).filter((t) => t === 'Automod · Emoji flood').length).toBe(1);
  });

  it('keeps the windows in memory and writes them at most one row per batch, none when no message rule is on', async () => {
    const a = member();
    const config = h.config({ rules: { rate: on({ messages: 50, seconds: 60 }) } });
    const state = AutomodLocal.of(h.local);
    state.saveWindows(0, true);
    const rows = h.local.rowsWritten;
    post(a, 'one');
    await h.batch(config);
    post(a, 'two');
    await h.batch(config);
    expect(h.local.rowsWritten - rows).toBeLessThanOrEqual(1);
    expect(state.windows.data[a]?.length).toBe(2);
    const off = h.local.rowsWritten;
    post(a, 'three');
    await h.batch(h.config({}));
    expect(h.local.rowsWritten).toBe(off);
  });
});

describe('join rules', () => {
  it('acts on new accounts and logs joins without an avatar', async () => {
    const config: AutomodConfig = h.config({ logChannelId: logChannel, joins: { newAccount: { enabled: true, days: 3, action: 'kick' }, noAvatar: { enabled: true, action: 'log' } } });
    const fresh = h.sim.state.users.create({ username: 'brandnew' });
    const oldId = String(BigInt(Date.now() - 900 * 86_400_000 - 1_420_070_400_000) << 22n);
    const old = h.sim.state.users.create({ username: 'veteran', id: oldId });
    h.sim.state.members.add(h.guildId, fresh.id);
    h.sim.state.members.add(h.guildId, old.id);
    const before = logTitles().length;
    await h.batch(config);
    expect(h.sim.state.guild(h.guildId).members[fresh.id]).toBeUndefined();
    expect((await h.cases(fresh.id)).map((c) => c.type)).toEqual(['kick']);
    expect(h.sim.state.guild(h.guildId).members[old.id]).toBeTruthy();
    expect(logTitles().slice(before).sort()).toEqual(['Automod · New account', 'Automod · No avatar']);
  });
});
