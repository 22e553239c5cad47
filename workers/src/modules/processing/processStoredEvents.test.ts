import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config, Env } from '../../env';
import type { Db } from '../../lib/db';
import { createLogger } from '../../lib/log';
import type { FeedItem } from '../hub/feed';
import { HubCore } from '../hub/HubCore';
import type { HubMessage } from '../hub/HubMessage';
import { registry } from '../registry';
import { startSimRest, type SimRest } from '../testing/startSimRest';
import { processStoredEvents, type ProcessDeps } from './processStoredEvents';
import type { ProcessableEvent } from './ProcessableEvent';
import { sweepUnprocessed } from './sweep';
import { countDeadLetters, listDeadLetters, retryDeadLetter } from '../../ingest/deadLetters';

let client: PGlite;
let db: Db;
let sim: SimRest;
let core: HubCore;
let deps: ProcessDeps;
const messages: HubMessage[] = [];
const shard: { guildId: string; events: string[] }[] = [];
let guildId: string;
let n = 0;

async function store(type: string, payload: unknown, receivedAt = new Date()): Promise<ProcessableEvent> {
  const e = { eventId: `test-${type}-${++n}`, type, guildId, payload };
  await db.execute(sql`INSERT INTO events (event_id, guild_id, type, payload, received_at) VALUES (${e.eventId}, ${guildId}, ${type}, ${JSON.stringify(payload)}::jsonb, ${receivedAt.toISOString()})`);
  return e;
}

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
    env: {} as Env, appConfig, db, log: createLogger({ test: true }, () => {}),
    hub: (id) => ({ getState: () => core.getState(id), publish: (input) => core.publish(id, input) }),
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
    const before = Number(((await db.execute(sql`SELECT member_count FROM guilds WHERE id = ${guildId}`)).rows[0] as { member_count: number }).member_count);
    const { userId, event } = await join('newbie');
    expect((await processStoredEvents([event], deps)).failed).toEqual([]);
    const text = channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`));
    expect(text).toEqual([`Hi <@${userId}> aka newbie, welcome to ${sim.state.guild(guildId).name}! #${before + 1}`]);
    expect(sim.state.member(guildId, userId).roles).toContain(sim.demo.roles.newcomer);
    // Processed again (retry, sweep, re-sent batch): no second message, no second count.
    await processStoredEvents([event], deps);
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(1);
    const after = Number(((await db.execute(sql`SELECT member_count FROM guilds WHERE id = ${guildId}`)).rows[0] as { member_count: number }).member_count);
    expect(after).toBe(before + 1);
    const row = await db.execute(sql`SELECT processed_at IS NOT NULL AS done, attempts FROM events WHERE event_id = ${event.eventId}`);
    expect(row.rows[0]).toMatchObject({ done: true });
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

  it('the sweep processes leftovers, and only old enough ones', async () => {
    await core.configure(guildId, { moduleId: 'welcome', actorId: '42', config: { channelId: sim.demo.channels.general } });
    let payload: unknown;
    const listener = (d: { t: string; d: unknown }) => { if (d.t === 'GUILD_MEMBER_ADD') payload = d.d; };
    sim.state.on('dispatch', listener);
    const user = sim.state.users.create({ username: 'latecomer' });
    sim.state.members.add(guildId, user.id);
    sim.state.off('dispatch', listener);
    await store('GUILD_MEMBER_ADD', payload, new Date(Date.now() - 120_000));
    const fresh = await store('MESSAGE_CREATE', { channel_id: '1', author: { id: '1', username: 'x' } });
    const r = await sweepUnprocessed(deps, { minAgeMs: 60_000 });
    expect(r.picked).toBeGreaterThanOrEqual(1);
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${user.id}>`))).toHaveLength(1);
    const left = await db.execute(sql`SELECT processed_at FROM events WHERE event_id = ${fresh.eventId}`);
    expect(left.rows[0]).toEqual({ processed_at: null });
  });

  it('sets aside an event that used up its attempts, lists it, and a retry processes it exactly once', async () => {
    await core.configure(guildId, { moduleId: 'welcome', actorId: '42', config: { channelId: sim.demo.channels.general } });
    const { userId, event } = await join('unlucky_retry');
    // Five failed runs (Discord was down, say): the sweep stops retrying it and sets it aside.
    await db.execute(sql`UPDATE events SET attempts = 5, last_error = 'DiscordAPIError: 503', received_at = now() - interval '1 hour' WHERE event_id = ${event.eventId}`);
    const before = await countDeadLetters(db);
    const r = await sweepUnprocessed(deps, { minAgeMs: 60_000 });
    expect(r.deadLettered).toBe(1);
    expect(await countDeadLetters(db)).toBe(before + 1);
    const listed = await listDeadLetters(db, guildId);
    const letter = listed.find((l) => l.eventId === event.eventId)!;
    expect(letter).toMatchObject({ type: 'GUILD_MEMBER_ADD', stage: 'process', error: 'DiscordAPIError: 503', retriedAt: null });
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(0);

    await retryDeadLetter(db, guildId, letter.id);
    await expect(retryDeadLetter(db, guildId, letter.id)).rejects.toMatchObject({ status: 404 });
    expect((await listDeadLetters(db, guildId)).some((l) => l.id === letter.id)).toBe(false);
    await sweepUnprocessed(deps, { minAgeMs: 60_000 });
    await sweepUnprocessed(deps, { minAgeMs: 60_000 });
    expect(channelText(sim.demo.channels.general!).filter((c) => c?.includes(`<@${userId}>`))).toHaveLength(1);
    expect(await countDeadLetters(db)).toBe(before);
  });
});
