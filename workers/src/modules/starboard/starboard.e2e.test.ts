/**
 * Starboard end to end: the real Worker in workerd over the local stack, the gateway shard
 * forwarding the simulator's reactions, the guild hub counting stars in its SQLite. A message
 * starred by three members is reposted with its text and a link; a fourth star edits the count;
 * the dashboard lists the entry with the author's name; bad settings and the Free limit are refused.
 */
import { ChannelType, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import type { Browser } from 'playwright-core';
import { openDashboard } from '../../platform/testing/dashboardBrowser';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';

let sys: FullSystem;
let browser: Browser | undefined;
let authorName: string;
let dash: DashboardSession;
let guildId: string;
let general: string;
let board: string;
let members: string[];

const api = <T>(method: string, path: string, body?: unknown) => dash.api<T>(method, `/guilds/${guildId}/modules/starboard${path}`, body);
const boardPosts = () => (sys.sim.state.data.messages[board] ?? []) as APIMessage[];
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

beforeAll(async () => {
  sys = await startFullSystem({});
  const { sim } = sys;
  guildId = sim.guildId;
  general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  board = sim.state.channels.create(guildId, { name: 'starboard', type: ChannelType.GuildText }).id;
  const guild = sim.state.guild(guildId);
  members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot);
  dash = await loginDashboard(sys);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

describe.sequential('starboard', () => {
  it('refuses settings out of range and more ignored channels than the Free plan holds', async () => {
    const bad = await api<{ code: string }>('POST', '/enable', { config: { channelId: board, threshold: 0 } });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.code).toBe('ModuleConfigInvalid');
    const ignored = Array.from({ length: 6 }, () => sys.sim.state.channels.create(guildId, { name: 'spam', type: ChannelType.GuildText }).id);
    const over = await api<{ code: string }>('POST', '/enable', { config: { channelId: board, ignoredChannels: ignored } });
    expect(over.status, over.text).toBe(403);
    expect(over.body.code).toBe('ModuleLimitExceeded');
    const on = await api('POST', '/enable', { config: { channelId: board, threshold: 3 } });
    expect(on.status, on.text).toBe(200);
  });

  it('three members’ stars repost the message; a fourth edits the count; the author’s own star does not count', async () => {
    const [author, a, b, c, d] = members as [string, string, string, string, string];
    const msg = sys.sim.state.messages.create(general, { authorId: author, content: 'the best idea of the week' });
    const react = (u: string) => sys.sim.state.messages.reactions.add(general, msg.id, u, '⭐');
    react(author);
    react(a);
    react(b);
    // Two stars that count (the author's does not): nothing yet. Then a third.
    react(c);
    await poll(() => boardPosts().filter((m) => m.embeds[0]?.footer?.text === msg.id).length).toBe(1);
    const post = boardPosts().find((m) => m.embeds[0]?.footer?.text === msg.id)!;
    expect(post.content).toBe(`⭐ **3** · <#${general}>`);
    expect(post.embeds[0]!.description).toBe('the best idea of the week');
    react(d);
    await poll(() => boardPosts().find((m) => m.id === post.id)!.content).toBe(`⭐ **4** · <#${general}>`);
    expect(boardPosts().filter((m) => m.embeds[0]?.footer?.text === msg.id)).toHaveLength(1);

    const list = await api<{ entries: { messageId: string; authorName: string; stars: number; excerpt: string }[]; boardChannelId: string }>('GET', '/entries');
    expect(list.status, list.text).toBe(200);
    const user = sys.sim.state.users.get(author);
    authorName = user.global_name ?? user.username;
    expect(list.body.boardChannelId).toBe(board);
    expect(list.body.entries[0]).toMatchObject({ messageId: msg.id, stars: 4, excerpt: 'the best idea of the week', authorName: user.global_name ?? user.username });
  });

  it('the entries route validates its query', async () => {
    const bad = await api<{ code: string }>('GET', '/entries?limit=0');
    expect(bad.status).toBe(400);
  });

  it('in Chromium: the module page lists the entry by names (author, #channel), with its stars', async () => {
    const open = await openDashboard(sys);
    browser = open.browser;
    await open.page.goto(`${sys.publicUrl}/guilds/${guildId}/modules/starboard`);
    const list = open.page.getByTestId('starboard-entries');
    // The channel's name arrives with the guild's names (a read of its own): wait for it.
    await expect.poll(() => list.textContent(), { timeout: 20_000 }).toContain('in #general');
    const text = await list.textContent();
    expect(text).toContain(authorName);
    expect(text).toContain('⭐ 4');
    expect(text).toContain('the best idea of the week');
    expect(open.errors).toEqual([]);
  });
});
