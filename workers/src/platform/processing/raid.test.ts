import { RESTEvents } from '@discordjs/rest';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config, Env } from '../../env';
import { InboxCore } from '../../ingest/inbox/InboxCore';
import type { Db } from '../../lib/db';
import { createLogger } from '../../lib/log';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { HubCore } from '../hub/HubCore';
import { registry } from '../registry';
import { startSimRest, type SimRest } from '../testing/startSimRest';
import { SqlClaimStore } from './ClaimStore';
import { createRest } from './createRest';
import { processStoredEvents, type ProcessDeps } from './processStoredEvents';

let client: PGlite;
let sim: SimRest;
let deps: ProcessDeps;
let core: HubCore;
let inbox: InboxCore;
/** Discord requests made during each hub RPC (one slice). */
const perRpc: { joins: number; discord: number }[] = [];

beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  const db = pdb as unknown as Db;
  sim = await startSimRest();
  const guildId = sim.demo.guildId;
  const storage = new Map<string, unknown>();
  core = new HubCore({
    storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
    registry, withDb: (fn) => fn(db), broadcast: () => {}, notifyShard: async () => {},
  });
  const appConfig = { DISCORD_APPLICATION_ID: sim.app.id, DISCORD_BOT_TOKEN: sim.app.botToken, DISCORD_API_BASE: sim.api, BOT_OWNER_IDS: '' } as Config;
  const rest = createRest(appConfig);
  let discord = 0;
  rest.on(RESTEvents.Response, () => void discord++);
  deps = {
    env: {} as Env, appConfig, db, rest, log: createLogger({ test: true }, () => {}), claims: new SqlClaimStore(sqliteExec()),
    hub: (id) => ({ getState: () => core.getState(id), publish: (input) => core.publish(id, input), countedMembers: () => core.countedMembers() }),
  };
  // The hub as GuildHub.processEvents runs it, counting what one RPC costs in Discord calls.
  const hub = {
    processEvents: async (events: Parameters<typeof processStoredEvents>[0]) => {
      discord = 0;
      const result = await processStoredEvents(events, deps);
      perRpc.push({ joins: events.filter((e) => e.type === 'GUILD_MEMBER_ADD').length, discord });
      return result;
    },
  };
  inbox = new InboxCore({
    sql: sqliteExec(), retentionMs: 3_600_000, log: deps.log, setAside: async () => {}, hub: () => hub,
    isHeavy: (type) => registry.all().some((d) => !!d.eventHandlers?.[type as never]),
  });
  const created = inbox.accept('n-create', JSON.stringify({ batchId: 'c', events: [{ id: 'raid-create', type: 'GUILD_CREATE', guildId, payload: sim.state.guildCreatePayload(guildId) }] }));
  expect(created.ok).toBe(true);
  await inbox.deliver();
  await core.enable(guildId, {
    moduleId: 'welcome', actorId: '42',
    config: { channelId: sim.demo.channels.general, message: 'Welcome {user} (#{memberCount})', autoroles: [sim.demo.roles.newcomer] },
  });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await client?.close();
});

describe('a raid: 60 joins in one batch', () => {
  it('every newcomer is welcomed once with the autorole, in slices that stay under 50 subrequests', async () => {
    const guildId = sim.demo.guildId;
    const joins: { id: string; type: string; guildId: string; payload: unknown }[] = [];
    const users: string[] = [];
    const listener = (d: { t: string; d: unknown }) => {
      if (d.t === 'GUILD_MEMBER_ADD') joins.push({ id: `GUILD_MEMBER_ADD:${guildId}:${(d.d as { user: { id: string } }).user.id}`, type: d.t, guildId, payload: d.d });
    };
    sim.state.on('dispatch', listener);
    for (let i = 0; i < 60; i++) {
      const user = sim.state.users.create({ username: `raider_${i}` });
      users.push(user.id);
      sim.state.members.add(guildId, user.id);
    }
    sim.state.off('dispatch', listener);
    expect(joins).toHaveLength(60);
    const countBefore = (await core.getState(guildId)).guild!.memberCount;
    const body = JSON.stringify({ batchId: 'raid', events: joins });
    expect(inbox.accept('n-raid', body)).toMatchObject({ ok: true, stored: 60 });
    // The shard re-sends the same batch (its ack was lost): nothing twice.
    expect(inbox.accept('n-raid-again', body)).toMatchObject({ ok: true, stored: 0 });

    perRpc.length = 0;
    for (let run = 0; run < 10 && inbox.pending() > 0; run++) await inbox.deliver();
    expect(inbox.pending()).toBe(0);

    const welcomes = sim.state.messages.list(sim.demo.channels.general!, { limit: 100 }).map((m) => m.content);
    for (const id of users) expect(welcomes.filter((c) => c.includes(`<@${id}>`)), id).toHaveLength(1);
    // Each newcomer saw their own member number, in arrival order.
    expect(users.map((id) => welcomes.find((c) => c.includes(`<@${id}>`)))).toEqual(users.map((id, i) => `Welcome <@${id}> (#${countBefore + i + 1})`));
    for (const id of users) expect(sim.state.member(guildId, id).roles).toContain(sim.demo.roles.newcomer);
    expect(perRpc.length).toBeGreaterThanOrEqual(4);
    for (const rpc of perRpc) {
      expect(rpc.joins).toBeLessThanOrEqual(15);
      // Discord calls of one hub invocation, leaving room for the Redis call and a database connection.
      expect(rpc.discord).toBeLessThanOrEqual(45);
    }
    // A second delivery of the whole raid (a dead letter retried, say) sends nothing.
    const sent = welcomes.length;
    await processStoredEvents(joins.map((j) => ({ eventId: j.id, type: j.type, guildId, payload: j.payload })), deps);
    expect(sim.state.messages.list(sim.demo.channels.general!, { limit: 100 })).toHaveLength(sent);
  }, 60_000);
});
