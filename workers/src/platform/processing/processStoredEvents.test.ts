import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config, Env } from '../../env';
import type { Db } from '../../lib/db';
import { createLogger } from '../../lib/log';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { InboxCore } from '../../ingest/inbox/InboxCore';
import type { FeedItem } from '../hub/feed';
import { HubCore } from '../hub/HubCore';
import type { HubMessage } from '../hub/HubMessage';
import { registry } from '../registry';
import { startSimRest, type SimRest } from '../testing/startSimRest';
import { SqlClaimStore } from './ClaimStore';
import { processStoredEvents, type ProcessDeps } from './processStoredEvents';
import type { ProcessableEvent } from './ProcessableEvent';
import { countDeadLetters, insertDeadLetters, listDeadLetters, retryDeadLetter } from '../../ingest/deadLetters';

let client: PGlite;
let db: Db;
let sim: SimRest;
let core: HubCore;
let deps: ProcessDeps;
const messages: HubMessage[] = [];
const shard: { guildId: string; events: string[] }[] = [];
let guildId: string;
let n = 0;

/** An event as the EventInbox delivers it. */
async function store(type: string, payload: unknown, receivedAt = new Date()): Promise<ProcessableEvent> {
  return { eventId: `test-${type}-${++n}`, type, guildId, payload, receivedAt: receivedAt.toISOString() };
}
/** The member count the hub keeps. */
const memberCount = async () => (await core.getState(guildId)).guild!.memberCount;

/** Makes a user join in the simulator and returns the GUILD_MEMBER_ADD it dispatched, stored. */
async function join(name: string): Promise<{ userId: string; event: ProcessableEvent }> {
  let payload: unknown;
  const listener = (d: { t: string; d: unknown }) => { if (d.t === 'GUILD_MEMBER_ADD') payload = d.d; };
  sim.state.on('dispatch', listener);
  const user = sim.state.users.create({ username: name });
  sim.state.members.add(guildId, user.id);
  sim.state.off('dispatch', listener);
  return { userId: user.id, event: await store('GUILD_MEMBER_ADD', payload) };
}

const channelText = (channelId: string) => sim.state.messages.list(channelId, { limit: 50 }).map((m) => m.content);
const feed = () => messages.filter((m): m is { type: 'event'; item: FeedItem } => m.type === 'event').map((m) => m.item);

beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  db = pdb as unknown as Db;
  sim = await startSimRest();
  guildId = sim.demo.guildId;
  const storage = new Map<string, unknown>();
  core = new HubCore({
    storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
    registry,
    withDb: (fn) => fn(db),
    broadcast: (m) => messages.push(m),
    notifyShard: async (g, events) => void shard.push({ guildId: g, events }),
  });
  const appConfig = { DISCORD_APPLICATION_ID: sim.app.id, DISCORD_BOT_TOKEN: sim.app.botToken, DISCORD_API_BASE: sim.api, BOT_OWNER_IDS: '' } as Config;
  deps = {
    env: {} as Env, appConfig, db, log: createLogger({ test: true }, () => {}), claims: new SqlClaimStore(sqliteExec()),
    hub: (id) => ({ getState: () => core.getState(id), publish: (input) => core.publish(id, input), countedMembers: () => core.countedMembers() }),
  };
  const created = await store('GUILD_CREATE', sim.state.guildCreatePayload(guildId));
  expect((await processStoredEvents([created], deps)).failed).toEqual([]);
});

afterAll(async () => {
  await sim?.close();
  await client?.close();
});

describe('ingest processing with Welcome', () => {
  it('records the guild from GUILD_CREATE', async () => {
    const { rows } = await db.execute(sql`SELECT name, member_count, left_at FROM guilds WHERE id = ${guildId}`);
    expect(rows[0]).toMatchObject({ name: sim.state.guild(guildId).name, left_at: null });
    expect(Number((rows[0] as { member_count: number }).member_count)).toBeGreaterThan(5);
  });

  it('enables Welcome through the hub: one transaction with revision and audit, shard told', async () => {
    const res = await core.enable(guildId, {
      moduleId: 'welcome', actorId: '42', requestId: 'req-1',
      config: { channelId: sim.demo.channels.general, message: 'Hi {user} aka {user.name}, welcome to {server}! #{memberCount}', autoroles: [sim.demo.roles.newcomer], leave: { enabled: true } },
    });
    expect(res).toMatchObject({ action: 'enabled', state: { enabled: true, version: 1 } });
    const rev = await db.execute(sql`SELECT module_id, actor_id FROM config_revisions WHERE id = ${res.revisionId}`);
    expect(rev.rows[0]).toEqual({ module_id: 'welcome', actor_id: '42' });
    const audit = await db.execute(sql`SELECT action, request_id FROM dashboard_audit_log WHERE guild_id = ${guildId} AND action = 'module.enabled'`);
    expect(audit.rows).toEqual([{ action: 'module.enabled', request_id: 'req-1' }]);
    expect(shard.at(-1)).toEqual({ guildId, events: ['GUILD_MEMBER_ADD', 'GUILD_MEMBER_REMOVE'] });
    expect(messages.some((m) => m.type === 'module:change' && m.moduleId === 'welcome')).toBe(true);
  });

  it('welcomes a joining member with variables filled, gives the autorole, never twice', async () => {
    const before = await memberCount();
    const { userId, event } = await join('newbie');
    expect((await processStoredEvents([event], deps)).failed).toEqual([]);
    const text = channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`));
    expect(text).toEqual([`Hi <@${userId}> aka newbie, welcome to ${sim.state.guild(guildId).name}! #${before + 1}`]);
    expect(sim.state.member(guildId, userId).roles).toContain(sim.demo.roles.newcomer);
    // Delivered again (a lost answer, a dead letter's retry): no second message, no second count.
    await processStoredEvents([event], deps);
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(1);
    expect(await memberCount()).toBe(before + 1);
    expect(feed().some((i) => i.kind === 'welcome.sent')).toBe(true);
  });

  it('says goodbye on leave', async () => {
    const user = sim.state.users.create({ username: 'leaver' });
    sim.state.members.add(guildId, user.id);
    const e = await store('GUILD_MEMBER_REMOVE', { guild_id: guildId, user });
    await processStoredEvents([e], deps);
    expect(channelText(sim.demo.channels.general!).some((c) => c?.startsWith('**leaver** left'))).toBe(true);
  });

  it('skips an autorole above the bot with a feed and audit error', async () => {
    await core.configure(guildId, { moduleId: 'welcome', actorId: '42', config: { ...(await core.getState(guildId)).modules.welcome!.config as object, autoroles: [sim.demo.roles.admin] } });
    const { userId, event } = await join('climber');
    await processStoredEvents([event], deps);
    expect(sim.state.member(guildId, userId).roles).not.toContain(sim.demo.roles.admin);
    expect(feed().some((i) => i.kind === 'welcome.autorole' && i.level === 'error' && /at or above the bot/.test(i.summary))).toBe(true);
  });

  it('reports a deleted channel to the feed and the audit log, without retrying', async () => {
    const doomed = sim.state.channels.create(guildId, { name: 'doomed', type: 0 } as never);
    await core.configure(guildId, { moduleId: 'welcome', actorId: '42', config: { channelId: doomed.id } });
    sim.state.channels.delete(doomed.id);
    const { event } = await join('unlucky');
    const result = await processStoredEvents([event], deps);
    expect(result.failed).toEqual([]);
    const err = feed().find((i) => i.kind === 'welcome.error');
    expect(err?.summary).toMatch(/Unknown Channel.*HTTP 404/);
    const audit = await db.execute(sql`SELECT details->>'summary' AS summary FROM dashboard_audit_log WHERE guild_id = ${guildId} AND action = 'welcome.error'`);
    expect(audit.rows).toHaveLength(1);
  });

  it('sets aside an event that kept failing in delivery, lists it, and a retry delivers it exactly once', async () => {
    await core.configure(guildId, { moduleId: 'welcome', actorId: '42', config: { channelId: sim.demo.channels.general } });
    let discordDown = true;
    const inbox = new InboxCore({
      sql: sqliteExec(), retentionMs: 3_600_000, log: deps.log, isHeavy: () => true, limits: { backoffMs: () => 0 },
      setAside: (letters) => insertDeadLetters(db, letters),
      hub: () => ({ processEvents: (events) => (discordDown ? Promise.reject(new Error('DiscordAPIError: 503')) : processStoredEvents(events, deps)) }),
    });
    const { userId, event } = await join('unlucky_retry');
    const accepted = inbox.accept('n-1', JSON.stringify({ batchId: 'b', events: [{ id: event.eventId, type: event.type, guildId, payload: event.payload }] }));
    expect(accepted.ok).toBe(true);
    const before = await countDeadLetters(db);
    // Five failed deliveries (Discord was down, say): the inbox stops retrying it and sets it aside.
    for (let i = 0; i < 6; i++) await inbox.deliver();
    expect(inbox.pending()).toBe(0);
    expect(await countDeadLetters(db)).toBe(before + 1);
    const listed = await listDeadLetters(db, guildId);
    const letter = listed.find((l) => l.eventId === event.eventId)!;
    expect(letter).toMatchObject({ type: 'GUILD_MEMBER_ADD', stage: 'process', error: 'Error: DiscordAPIError: 503', retriedAt: null });
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(0);

    discordDown = false;
    const redeliver = async (l: Parameters<InboxCore['redeliver']>[0]) => inbox.redeliver(l);
    await retryDeadLetter(db, guildId, letter.id, redeliver);
    await expect(retryDeadLetter(db, guildId, letter.id, redeliver)).rejects.toMatchObject({ status: 404 });
    expect((await listDeadLetters(db, guildId)).some((l) => l.id === letter.id)).toBe(false);
    await inbox.deliver();
    await inbox.deliver();
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(1);
    expect(await countDeadLetters(db)).toBe(before);
  });
});
