import { REST } from '@discordjs/rest';
import { ChannelType, GatewayDispatchEvents as E, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimDispatch } from '@edge/simulator/state';
import { createLogger } from '../../lib/log';
import type { FeedInput } from '../../platform/hub/feed';
import type { EventContext } from '../../platform/ModuleDefinition';
import { startSimRest, type SimRest } from '../../platform/testing/startSimRest';
import { sqliteLocalStore } from '../../platform/testing/sqliteLocalStore';
import { starboardConfigSchema, type StarboardConfig } from './config';
import { starboardModule } from './definition';
import { starStore } from './data/starStore';

/**
 * Starboard's handlers against the simulator's REST API, fed the reaction events the simulator
 * emits for real reactions, with the hub's SQLite as better-sqlite3: posts at the threshold,
 * edits the count, ignores self-stars, bots and other emojis, respects NSFW channels, never
 * posts twice (redelivered events, stars arriving together), and writes a row only for stars.
 */
let sim: SimRest;
let rest: REST;
let guildId: string;
let board: string;
let general: string;
let nsfw: string;
let members: string[];
let botUser: string;
let local: ReturnType<typeof sqliteLocalStore>;
let dispatches: SimDispatch[] = [];
const reports: FeedInput[] = [];
let config: StarboardConfig;

beforeAll(async () => {
  sim = await startSimRest(12);
  rest = new REST({ api: sim.api, retries: 1 }).setToken(sim.app.botToken);
  guildId = sim.demo.guildId;
  sim.state.on('dispatch', (e: SimDispatch) => dispatches.push(e));
  board = sim.state.channels.create(guildId, { name: 'starboard', type: ChannelType.GuildText }).id;
  general = sim.state.channels.create(guildId, { name: 'chat', type: ChannelType.GuildText }).id;
  nsfw = sim.state.channels.create(guildId, { name: 'after-dark', type: ChannelType.GuildText, nsfw: true }).id;
  const guild = sim.state.guild(guildId);
  botUser = sim.app.botUserId;
  members = Object.keys(guild.members).filter((id) => !sim.state.users.get(id).bot);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  starStore.reset();
  local = sqliteLocalStore();
  dispatches = [];
  reports.length = 0;
  config = starboardConfigSchema.parse({ channelId: board, threshold: 3 });
});

let seq = 0;
const ctx = (): EventContext => ({
  guildId, eventId: `ev-${++seq}`, config, local, rest, log: createLogger({}, () => {}),
  report: (_g: string, item: FeedInput) => void reports.push(item),
} as unknown as EventContext);

/** Runs the module's handlers on the reaction events emitted so far, side by side like a batch. */
async function deliver(events = dispatches.splice(0)): Promise<void> {
  await Promise.all(events.filter((d) => d.guildId === guildId).map((d) => starboardModule.eventHandlers![d.t as E]?.(d.d, { ...ctx(), eventId: (d as { id?: string }).id ?? `ev-${++seq}` })));
}
const say = (channelId: string, authorId: string, content: string, extra: Partial<APIMessage> = {}) => sim.state.messages.create(channelId, { authorId, content, ...extra } as never);
const star = (channelId: string, messageId: string, userId: string, emoji = '⭐') => sim.state.messages.reactions.add(channelId, messageId, userId, emoji);
const unstar = (channelId: string, messageId: string, userId: string) => sim.state.messages.reactions.remove(channelId, messageId, userId, '⭐');
const boardPosts = () => (sim.state.data.messages[board] ?? []) as APIMessage[];
const postOf = (messageId: string) => boardPosts().filter((m) => m.embeds[0]?.footer?.text === messageId);

describe('starboard', () => {
  it('reposts a message at the threshold with its author, text, image, attachments and a link; edits the count after', async () => {
    const [author, a, b, c, d] = members as [string, string, string, string, string];
    const msg = say(general, author, 'look at this sunset', {
      attachments: [
        { id: '1', filename: 'sunset.png', size: 10, url: 'https://cdn.example/sunset.png', proxy_url: 'https://cdn.example/sunset.png', content_type: 'image/png' },
        { id: '2', filename: 'notes.pdf', size: 10, url: 'https://cdn.example/notes.pdf', proxy_url: 'https://cdn.example/notes.pdf', content_type: 'application/pdf' },
      ],
    });
    star(general, msg.id, a);
    star(general, msg.id, b);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(0);
    star(general, msg.id, c);
    await deliver();
    const [post] = postOf(msg.id);
    expect(post!.content).toBe(`⭐ **3** · <#${general}>`);
    const embed = post!.embeds[0]!;
    expect(embed.description).toBe('look at this sunset');
    expect(embed.author!.name).toBe(sim.state.users.get(author).global_name ?? sim.state.users.get(author).username);
    expect(embed.image!.url).toBe('https://cdn.example/sunset.png');
    expect(embed.fields!.find((f) => f.name === 'Attachments')!.value).toContain('[notes.pdf](https://cdn.example/notes.pdf)');
    expect(embed.fields!.find((f) => f.name === 'Original')!.value).toContain(`https://discord.com/channels/${guildId}/${general}/${msg.id}`);
    star(general, msg.id, d);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(1);
    expect(postOf(msg.id)[0]!.content).toBe(`⭐ **4** · <#${general}>`);
  });

  it('ignores the author’s own star, bots’ stars and other emojis; other emojis write no row', async () => {
    const [author, a, b] = members as [string, string, string];
    const msg = say(general, author, 'self promo');
    star(general, msg.id, a, '👍');
    star(general, msg.id, b, '🎉');
    const before = local.rowsWritten;
    await deliver();
    expect(local.rowsWritten).toBe(before);
    star(general, msg.id, author);
    star(general, msg.id, botUser);
    star(general, msg.id, a);
    star(general, msg.id, b);
    await deliver();
    // Discord shows 4 ⭐ (threshold 3) but only 2 count.
    expect(postOf(msg.id)).toHaveLength(0);
    expect(starStore.get(local, msg.id)!.stars.sort()).toEqual([a, b].sort());
  });

  it('a bot’s message is never reposted; later stars write nothing', async () => {
    const msg = say(general, botUser, 'beep');
    for (const m of members.slice(0, 3)) star(general, msg.id, m);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(0);
    expect(starStore.get(local, msg.id)!.state).toBe('ignored');
    const before = local.rowsWritten;
    star(general, msg.id, members[4]!);
    await deliver();
    expect(local.rowsWritten).toBe(before);
  });

  it('a message from an NSFW channel does not go to a safe starboard (the admins are told)', async () => {
    const msg = say(nsfw, members[0]!, 'spicy');
    for (const m of members.slice(1, 4)) star(nsfw, msg.id, m);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(0);
    expect(reports.map((r) => r.kind)).toContain('starboard.nsfw_skipped');
  });

  it('posts once when stars arrive together and when events are delivered again; the count ends right', async () => {
    const msg = say(general, members[0]!, 'popular');
    for (const m of members.slice(1, 7)) star(general, msg.id, m);
    const events = dispatches.splice(0);
    await Promise.all([deliver(events), deliver(events)]);
    await deliver(events);
    expect(postOf(msg.id)).toHaveLength(1);
    expect(postOf(msg.id)[0]!.content).toBe(`⭐ **6** · <#${general}>`);
  });

  it('falling under the threshold removes the post (or, configured so, keeps it with the count)', async () => {
    const msg = say(general, members[0]!, 'fleeting');
    for (const m of members.slice(1, 4)) star(general, msg.id, m);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(1);
    unstar(general, msg.id, members[1]!);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(0);
    expect(starStore.get(local, msg.id)!.state).toBe('counting');
    star(general, msg.id, members[5]!);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(1);
    config = { ...config, belowThreshold: 'keep' };
    unstar(general, msg.id, members[2]!);
    await deliver();
    expect(postOf(msg.id)).toHaveLength(1);
    expect(postOf(msg.id)[0]!.content).toBe(`⭐ **2** · <#${general}>`);
  });

  it('clearing the ⭐ reactions removes the post; the dashboard lists posted entries with names', async () => {
    const keep = say(general, members[0]!, 'a keeper');
    const gone = say(general, members[1]!, 'cleared');
    for (const m of members.slice(2, 5)) {
      star(general, keep.id, m);
      star(general, gone.id, m);
    }
    await deliver();
    sim.state.messages.reactions.clear(general, gone.id, '⭐');
    await deliver();
    expect(postOf(gone.id)).toHaveLength(0);
    const entries = starboardModule.readLocal!({ guildId, local, now: new Date() }, { limit: 10 }) as { messageId: string; authorName: string; stars: number; excerpt: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ messageId: keep.id, stars: 3, excerpt: 'a keeper', authorName: sim.state.users.get(members[0]!).global_name ?? sim.state.users.get(members[0]!).username });
  });

  it('writes one row per star on a message, nothing else', async () => {
    const msg = say(general, members[0]!, 'count me');
    star(general, msg.id, members[1]!);
    star(general, msg.id, members[2]!);
    const before = local.rowsWritten;
    await deliver();
    expect(local.rowsWritten - before).toBe(2);
  });
});
