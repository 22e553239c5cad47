import { REST } from '@discordjs/rest';
import type { APIMessage, GatewayDispatchEvents } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimDispatch } from '@edge/simulator/state';
import type { Config, Env } from '../../env';
import { createLogger } from '../../lib/log';
import type { FeedInput } from '../../platform/hub/feed';
import type { ModuleEvent, ProcessingContext } from '../../platform/ModuleDefinition';
import { startSimRest, type SimRest } from '../../platform/testing/startSimRest';
import { sqliteLocalStore } from '../../platform/testing/sqliteLocalStore';
import { loggingConfigSchema, type LoggingConfig } from './config';
import { loggingModule } from './definition';

/**
 * The Logging batch handler against the simulator's REST API: gateway events the simulator
 * emits for real actions become embeds posted through the bot's webhook in the log channel.
 */
let sim: SimRest;
let rest: REST;
/** A log channel the bot can see (the demo's #mod-log is staff-only: the bot cannot reach it). */
let log: string;
let dispatches: SimDispatch[] = [];
const reports: FeedInput[] = [];
const claims = new Set<string>();

beforeAll(async () => {
  sim = await startSimRest(12);
  rest = new REST({ api: sim.api, retries: 1 }).setToken(sim.app.botToken);
  sim.state.on('dispatch', (e: SimDispatch) => dispatches.push(e));
  log = ((await rest.post(`/guilds/${sim.demo.guildId}/channels`, { body: { name: 'server-log', type: 0 } })) as { id: string }).id;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  dispatches = [];
  reports.length = 0;
});

const ctx = (): ProcessingContext => ({
  env: {} as Env,
  appConfig: { DISCORD_APPLICATION_ID: sim.app.id } as Config,
  db: undefined as never,
  rest,
  log: createLogger({}, () => {}),
  once: async (eventId, key, effect) => {
    const k = `${eventId}:${key}`;
    if (claims.has(k)) return false;
    claims.add(k);
    try {
      await effect();
    } catch (err) {
      claims.delete(k);
      throw err;
    }
    return true;
  },
  report: (_g, item) => void reports.push(item),
  memo: (_k, load) => load(),
});

let seq = 0;
/** The dispatches so far as the batch the hub would hand the module (its events only). */
function batch(config: LoggingConfig): ModuleEvent[] {
  return dispatches
    .filter((d) => d.guildId === sim.demo.guildId && loggingModule.events.includes(d.t))
    .map((d) => ({ eventId: `ev-${++seq}`, guildId: d.guildId!, type: d.t as GatewayDispatchEvents, payload: d.d, receivedAt: new Date(), config, plan: 'free' as const }));
}
const logMessages = (channelId: string) => (sim.state.data.messages[channelId] ?? []).filter((m: APIMessage) => m.webhook_id) as APIMessage[];
const texts = (ms: APIMessage[]) => ms.flatMap((m) => m.embeds.map((e) => `${e.title}\n${e.description ?? ''}\n${(e.fields ?? []).map((f) => `${f.name}: ${f.value}`).join('\n')}`)).join('\n---\n');

describe('logging through webhooks (simulator)', () => {
  it('logs an edit, a role change, a ban and a join with names; the webhook is created once', async () => {
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageEdit: log, memberUpdate: log, bans: log, memberJoin: log, roles: log } });
    const [a, b] = sim.demo.memberIds;
    const m = sim.state.messages.create(general, { authorId: a!, content: 'helo world' });
    sim.state.messages.update(general, m.id, { content: 'hello world' });
    sim.state.members.update(sim.demo.guildId, b!, { roles: [sim.demo.roles.events] }, { actorId: sim.demo.ownerId });
    sim.state.bans.add(sim.demo.guildId, b!, { actorId: sim.demo.ownerId, reason: 'spam links' });
    const newcomer = sim.state.users.create({ username: 'fresh_account' });
    sim.state.members.add(sim.demo.guildId, newcomer.id);
    sim.state.roles.create(sim.demo.guildId, { name: 'Helpers' }, { actorId: sim.demo.ownerId });

    await loggingModule.batchHandler!(batch(config), ctx());
    const posted = logMessages(log);
    expect(posted).toHaveLength(1);
    const text = texts(posted);
    expect(text).toContain('Message edited');
    expect(text).toContain('After: hello world');
    expect(text).toContain(`<@&${sim.demo.roles.events}>`);
    expect(text).toContain('Member banned');
    expect(text).toContain('Reason: spam links');
    expect(text).toContain('**fresh\\_account**');
    expect(text).toMatch(/new account/);
    expect(text).toContain('**Helpers**');
    const hooks = Object.values((sim.state.data as { webhooks?: Record<string, { channel_id: string }> }).webhooks ?? {}).filter((w) => w.channel_id === log);
    expect(hooks).toHaveLength(1);
  });

  it('a burst of 1,000 deletions is a few webhook messages, none lost, no 429', async () => {
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageDelete: log } });
    const ids = Array.from({ length: 1000 }, (_, i) => sim.state.messages.create(general, { authorId: sim.demo.memberIds[i % 5]!, content: `m${i}` }).id);
    dispatches = [];
    for (const id of ids) sim.state.messages.delete(general, id);
    const before = logMessages(log).length;
    const sent429 = sim.rateLimiter.sent.length;
    await loggingModule.batchHandler!(batch(config), ctx());
    const posted = logMessages(log).slice(before);
    expect(posted.length).toBeLessThanOrEqual(6);
    const text = texts(posted);
    for (const id of ids) expect(text).toContain(id);
    expect(sim.rateLimiter.sent.length).toBe(sent429);
    expect(posted.every((m) => m.embeds.length <= 10)).toBe(true);
  });

  it('a retried batch posts nothing twice', async () => {
    const config = loggingConfigSchema.parse({ routes: { roles: log } });
    sim.state.roles.create(sim.demo.guildId, { name: 'Once' }, { actorId: sim.demo.ownerId });
    const events = batch(config);
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(events, ctx());
    await loggingModule.batchHandler!(events, ctx());
    expect(logMessages(log).length - before).toBe(1);
  });

  it('honours the ignore lists: channels, bots, roles', async () => {
    const general = sim.demo.channels.general!;
    const lounge = sim.demo.channels.lounge ?? Object.values(sim.demo.channels).find((c) => c !== general && c !== log)!;
    const [, , a, b] = sim.demo.memberIds;
    const quiet = sim.state.roles.create(sim.demo.guildId, { name: 'Not logged' }).id;
    sim.state.members.update(sim.demo.guildId, b!, { roles: [quiet] });
    const config = loggingConfigSchema.parse({ routes: { messageEdit: log }, ignore: { channels: [lounge], roles: [quiet] } });
    const inLounge = sim.state.messages.create(lounge, { authorId: a!, content: 'x' });
    const byVerified = sim.state.messages.create(general, { authorId: b!, content: 'y' });
    const byBot = sim.state.messages.create(general, { authorId: sim.app.botUserId, content: 'z' });
    const kept = sim.state.messages.create(general, { authorId: a!, content: 'first' });
    dispatches = [];
    sim.state.messages.update(lounge, inLounge.id, { content: 'x2' });
    sim.state.messages.update(general, byVerified.id, { content: 'y2' });
    sim.state.messages.update(general, byBot.id, { content: 'z2' });
    sim.state.messages.update(general, kept.id, { content: 'second' });
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(batch(config), ctx());
    const text = texts(logMessages(log).slice(before));
    expect(text).toContain('After: second');
    expect(text).not.toMatch(/After: (x2|y2|z2)/);
  });

  it('a deleted log channel is reported (feed + audit), not dropped silently, and does not block other channels', async () => {
    const gone = (await rest.post(`/guilds/${sim.demo.guildId}/channels`, { body: { name: 'old-log', type: 0 } })) as { id: string };
    const config = loggingConfigSchema.parse({ routes: { roles: gone.id, channels: log } });
    sim.state.roles.create(sim.demo.guildId, { name: 'Warmup' }, { actorId: sim.demo.ownerId });
    await loggingModule.batchHandler!(batch(config), ctx());
    expect(logMessages(gone.id)).toHaveLength(1);
    dispatches = [];
    sim.state.channels.delete(gone.id, { actorId: sim.demo.ownerId });
    sim.state.roles.create(sim.demo.guildId, { name: 'Lost' }, { actorId: sim.demo.ownerId });
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(batch(config), ctx());
    expect(reports).toEqual([expect.objectContaining({ kind: 'logging.channel_missing', level: 'error', audit: true, details: expect.objectContaining({ channelId: gone.id, entries: 1 }) })]);
    // The channel deletion itself went to the channels log.
    expect(texts(logMessages(log).slice(before))).toContain('Channel deleted');
  });

  it('a log channel the bot cannot see is reported as out of reach', async () => {
    const staffOnly = sim.demo.channels['mod-log']!;
    const config = loggingConfigSchema.parse({ routes: { roles: staffOnly } });
    sim.state.roles.create(sim.demo.guildId, { name: 'Hidden' }, { actorId: sim.demo.ownerId });
    await loggingModule.batchHandler!(batch(config), ctx());
    expect(reports).toEqual([expect.objectContaining({ kind: 'logging.channel_no_access', details: expect.objectContaining({ channelId: staffOnly, status: 'no_access' }) })]);
  });

  it('keeps content in the hub-local store for the retention: a later edit shows before, a deletion shows the text', async () => {
    const local = sqliteLocalStore();
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageEdit: log, messageDelete: log }, contentRetentionHours: 1 });
    const m = sim.state.messages.create(general, { authorId: sim.demo.memberIds[5]!, content: 'v1' });
    dispatches = [];
    sim.state.messages.update(general, m.id, { content: 'v2 kept' });
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    dispatches = [];
    sim.state.messages.update(general, m.id, { content: 'v3' });
    sim.state.messages.delete(general, m.id);
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    const text = texts(logMessages(log).slice(before));
    expect(text).toContain('Before: v2 kept');
    expect(text).toContain('After: v3');
    // The deletion shows the last version, with its author.
    expect(text).toMatch(/Messages deleted\nIn <#\d+>:\n\*\*.+\*\* \(<@\d+>\): v3/);
    // One row for the first batch's edit; the second batch's edit of a message it also deletes is not kept.
    expect(local.query('SELECT count(*) AS n FROM logging_slices')).toEqual([{ n: 1 }]);
    local.close();
  });

  it('a message never edited is logged on deletion as it was, kept as one row per slice; past the retention it says so', async () => {
    const local = sqliteLocalStore();
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageDelete: log, messageEdit: log }, contentRetentionHours: 1 });
    dispatches = [];
    const sent = Array.from({ length: 30 }, (_, i) => sim.state.messages.create(general, { authorId: sim.demo.memberIds[6 + (i % 3)]!, content: `chatter ${i}` }));
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    // New messages are not log entries; their 30 texts are ONE row written, not 30.
    expect(logMessages(log)).toHaveLength(before);
    expect(local.query('SELECT count(*) AS n FROM logging_slices')).toEqual([{ n: 1 }]);
    dispatches = [];
    sim.state.messages.delete(general, sent[3]!.id);
    sim.state.messages.update(general, sent[5]!.id, { content: 'chatter five, edited' });
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    const text = texts(logMessages(log).slice(before));
    expect(text).toMatch(/Messages deleted\nIn <#\d+>:\n\*\*.+\*\* \(<@\d+>\): chatter 3/);
    expect(text).toContain('Before: chatter 5');
    expect(text).toContain('After: chatter five, edited');
    // The edit is one more row (its slice), and the next edit of it shows it as "before".
    expect(local.query('SELECT count(*) AS n FROM logging_slices')).toEqual([{ n: 2 }]);
    dispatches = [];
    sim.state.messages.update(general, sent[5]!.id, { content: 'chatter five, edited twice' });
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    expect(texts(logMessages(log).slice(before))).toContain('Before: chatter five, edited\nAfter: chatter five, edited twice');
    // An hour and a bit later (the retention): nothing is kept any more, and the entry says so.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 + 60_000 });
    try {
      dispatches = [];
      sim.state.messages.delete(general, sent[4]!.id);
      const mid = logMessages(log).length;
      await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
      const late = texts(logMessages(log).slice(mid));
      expect(late).toContain('(content not kept)');
      expect(late).toContain(sent[4]!.id);
      expect(late).not.toContain('chatter 4');
      expect(local.query('SELECT count(*) AS n FROM logging_slices')).toEqual([{ n: 0 }]);
    } finally {
      vi.useRealTimers();
    }
    local.close();
  });

  it('a bulk delete is one summary with the transcript attached as a file: kept messages as they were, the others by id', async () => {
    const local = sqliteLocalStore();
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageBulkDelete: log } });
    const old = sim.state.messages.create(general, { authorId: sim.demo.memberIds[7]!, content: 'before logging' });
    dispatches = [];
    const sent = Array.from({ length: 120 }, (_, i) => sim.state.messages.create(general, { authorId: sim.demo.memberIds[i % 4]!, content: `line ${i}\nsecond row` }));
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    dispatches = [];
    sim.state.messages.bulkDelete(general, [old.id, ...sent.slice(0, 99).map((m) => m.id)], { actorId: sim.demo.ownerId });
    const before = logMessages(log).length;
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    const posted = logMessages(log).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.embeds[0]).toMatchObject({ title: '100 messages purged', footer: { text: '99 of 100 kept' } });
    expect(posted[0]!.attachments).toEqual([expect.objectContaining({ filename: expect.stringMatching(/^bulk-delete-\d+-\d+\.txt$/) })]);
    const transcript = await (await fetch(posted[0]!.attachments[0]!.url)).text();
    const lines = transcript.trim().split('\n');
    expect(lines[0]).toMatch(/^100 messages deleted in bulk in channel \d+ at .+ UTC \(99 kept\)$/);
    expect(transcript).toContain(`message ${old.id}: content not kept`);
    expect(transcript).toMatch(/\] .+ \(\d+\): line 0\n {4}second row\n/);
    expect(transcript).toContain(': line 98\n');
    expect(transcript).not.toContain('line 99\n');
    local.close();
  });

  it('retention 0 keeps nothing', async () => {
    const local = sqliteLocalStore();
    const general = sim.demo.channels.general!;
    const config = loggingConfigSchema.parse({ routes: { messageEdit: log }, contentRetentionHours: 0 });
    const m = sim.state.messages.create(general, { authorId: sim.demo.memberIds[5]!, content: 'a' });
    dispatches = [];
    sim.state.messages.update(general, m.id, { content: 'b' });
    await loggingModule.batchHandler!(batch(config), { ...ctx(), local });
    expect(local.query('SELECT count(*) AS n FROM logging_slices')).toEqual([{ n: 0 }]);
    local.close();
  });
});
