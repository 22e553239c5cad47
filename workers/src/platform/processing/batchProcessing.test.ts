import type { REST } from '@discordjs/rest';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config, Env } from '../../env';
import type { Db } from '../../lib/db';
import { createLogger } from '../../lib/log';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { COUNTED_IDS_KEPT, HubCore } from '../hub/HubCore';
import { registry } from '../registry';
import { SqlClaimStore } from './ClaimStore';
import { processStoredEvents, type ProcessDeps } from './processStoredEvents';
import type { ProcessableEvent } from './ProcessableEvent';

const GUILD = '700000000000000001';
const CHANNEL = '700000000000000002';
const ROLE = '700000000000000003';
const BOT = '700000000000000004';
const BOT_ROLE = '700000000000000005';

let client: PGlite;
let db: Db;
/** The hub's SQLite where claims live. */
const claimsSql = sqliteExec();
let deps: ProcessDeps;
let statements = 0;
const posts: { route: string; content: string }[] = [];
const puts: string[] = [];
const gets: string[] = [];
/** Routes whose next PUT fails like a Discord 5xx (not a refusal: the event must be retried). */
const failNextPut = new Set<string>();
let n = 0;

/** In-process Discord REST: roles and the bot's member from memory, every write recorded. */
const rest = {
  get: async (route: string) => (gets.push(route), route.endsWith('/roles')
    ? [{ id: BOT_ROLE, name: 'Bot', position: 5, managed: false }, { id: ROLE, name: 'New', position: 1, managed: false }]
    : { roles: [BOT_ROLE] }),
  post: async (route: string, opts: { body: { content: string } }) => (posts.push({ route, content: opts.body.content }), { id: String(posts.length) }),
  put: async (route: string) => {
    if (failNextPut.delete(route)) throw new Error('Discord 502');
    puts.push(route);
  },
} as unknown as REST;

let core: HubCore;

/** An event as the EventInbox delivers it. */
async function store(type: string, payload: Record<string, unknown>): Promise<ProcessableEvent> {
  return { eventId: `batch-${++n}`, type, guildId: GUILD, payload };
}
const user = (name: string) => ({ id: String(800000000000000000n + BigInt(++n)), username: name });
/** The member count the hub keeps (joins and leaves never write Postgres). */
const memberCount = async () => (await core.getState(GUILD)).guild!.memberCount;

beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  // Counts every statement the processing sends (what a round trip is over the wire).
  const query = client.query.bind(client);
  client.query = ((...a: Parameters<typeof query>) => (statements++, query(...a))) as typeof client.query;
  db = pdb as unknown as Db;
  const storage = new Map<string, unknown>();
  core = new HubCore({
    storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
    registry, withDb: (fn) => fn(db), broadcast: () => {}, notifyShard: async () => {},
  });
  deps = {
    env: {} as Env, db, rest, log: createLogger({ test: true }, () => {}), claims: new SqlClaimStore(claimsSql),
    appConfig: { DISCORD_APPLICATION_ID: BOT, DISCORD_BOT_TOKEN: 'x', DISCORD_API_BASE: '', BOT_OWNER_IDS: '' } as Config,
    hub: (id) => ({ getState: () => core.getState(id), publish: (input) => core.publish(id, input), countedMembers: () => core.countedMembers() }),
  };
  const created = await store('GUILD_CREATE', { id: GUILD, name: 'Batch guild', icon: null, owner_id: BOT, member_count: 10 });
  expect((await processStoredEvents([created], deps)).failed).toEqual([]);
  await core.enable(GUILD, {
    moduleId: 'welcome', actorId: BOT,
    config: { channelId: CHANNEL, message: '{user.name} is #{memberCount}', autoroles: [ROLE], leave: { enabled: true, message: '{user.name} left, {memberCount} now' } },
  });
});

afterAll(async () => {
  await client?.close();
});

beforeEach(() => {
  posts.length = 0;
  puts.length = 0;
  gets.length = 0;
});

describe('processing a batch', () => {
  it('joins and leaves: no Postgres statement at all, each welcome with its own member number', async () => {
    const batch = [
      await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: user('ann') }),
      await store('MESSAGE_CREATE', { channel_id: CHANNEL, author: user('x') }),
      await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: user('bob') }),
      await store('GUILD_MEMBER_REMOVE', { guild_id: GUILD, user: user('cid') }),
      await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: user('dee') }),
    ];
    statements = 0;
    expect((await processStoredEvents(batch, deps)).failed).toEqual([]);
    // Member counts and claims live in the hub; nothing is marked in Postgres (Stats is off here).
    expect(statements).toBe(0);
    expect(posts.map((p) => p.content)).toEqual(['ann is #11', 'bob is #12', 'cid left, 11 now', 'dee is #12']);
    expect(puts).toHaveLength(3);
    // Three joins with autoroles: the guild's roles and the bot's member are read once for the batch.
    expect(gets.sort()).toEqual([`/guilds/${GUILD}/members/${BOT}`, `/guilds/${GUILD}/roles`]);
    expect(await memberCount()).toBe(12);

    // The same batch again (a re-delivery): nothing sent, nothing counted, same cost.
    statements = 0;
    posts.length = 0;
    puts.length = 0;
    gets.length = 0;
    expect((await processStoredEvents(batch, deps)).failed).toEqual([]);
    expect(statements).toBe(0);
    expect(posts).toEqual([]);
    expect(puts).toEqual([]);
    expect(gets).toEqual([]);
    expect(await memberCount()).toBe(12);
  });

  it('a failing effect fails its event and is the only one a retry runs again', async () => {
    const eve = user('eve');
    const join = await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: eve });
    const fay = user('fay');
    const other = await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: fay });
    failNextPut.add(`/guilds/${GUILD}/members/${eve.id}/roles/${ROLE}`);
    const first = await processStoredEvents([join, other], deps);
    expect(first.failed.map((f) => f.eventId)).toEqual([join.eventId]);
    expect(posts.map((p) => p.content)).toEqual(['eve is #13', 'fay is #14']);
    expect(puts).toEqual([`/guilds/${GUILD}/members/${fay.id}/roles/${ROLE}`]);
    expect(first.failed).toEqual([{ eventId: join.eventId, error: 'Error: Discord 502' }]);

    posts.length = 0;
    const retry = await processStoredEvents([join], deps);
    expect(retry.failed).toEqual([]);
    expect(posts).toEqual([]);
    expect(puts.at(-1)).toBe(`/guilds/${GUILD}/members/${eve.id}/roles/${ROLE}`);
    // Not a cache across batches: each run reads the hierarchy again (2 GETs per run).
    expect(gets).toHaveLength(4);
    expect(await memberCount()).toBe(14);
  });

  it('a join that failed after moving the count and is retried much later (a dead letter) moves it once', async () => {
    const gus = user('gus');
    const join = await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: gus });
    const before = await memberCount();
    failNextPut.add(`/guilds/${GUILD}/members/${gus.id}/roles/${ROLE}`);
    expect((await processStoredEvents([join], deps)).failed.map((f) => f.eventId)).toEqual([join.eventId]);
    expect(await memberCount()).toBe(before + 1);
    // The failed run left a claim for its count: only such runs write one.
    expect(claimsSql.exec<{ ids: string }>('SELECT ids FROM claim_days').toArray().some((r) => r.ids.includes(`${join.eventId}\\u0000guild:members`))).toBe(true);
    // Many joins later the hub no longer lists it among the ids it counted.
    await core.publish(GUILD, { items: [], counted: Array.from({ length: COUNTED_IDS_KEPT }, (_, i) => `later-${i}`) });
    expect((await core.countedMembers()).has(join.eventId)).toBe(false);
    expect((await processStoredEvents([join], deps)).failed).toEqual([]);
    expect(puts.at(-1)).toBe(`/guilds/${GUILD}/members/${gus.id}/roles/${ROLE}`);
    expect(await memberCount()).toBe(before + 1);
  });

  it('a successful join or leave writes no claim for its count: the count and its ids are one stored value', async () => {
    const rows = () => claimsSql.exec<{ ids: string }>('SELECT ids FROM claim_days').toArray().map((r) => r.ids).join();
    const hal = await store('GUILD_MEMBER_ADD', { guild_id: GUILD, user: user('hal') });
    expect((await processStoredEvents([hal], deps)).failed).toEqual([]);
    expect(rows()).toContain(`${hal.eventId}\\u0000welcome:message`);
    expect(rows()).not.toContain(`${hal.eventId}\\u0000guild:members`);
    expect((await core.countedMembers()).has(hal.eventId)).toBe(true);
  });
});
