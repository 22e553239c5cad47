/**
 * In-process stand-ins for what ingest processing talks to besides Postgres, each counting its
 * calls: the guild hub (the real `HubCore` logic on a Map instead of Durable Object storage),
 * Discord REST (an object with `@discordjs/rest`'s `get`/`post`/`put`, answering at once) and
 * Redis (the cache invalidation of `GuildHub.processEvents`). The database is never faked.
 */
import type { REST } from '@discordjs/rest';
import type { APIGuildMember, APIMessage, APIRole } from 'discord-api-types/v10';
import type { Db } from '../workers/src/lib/db';
import { HubCore } from '../workers/src/platform/hub/HubCore';
import type { ProcessDeps } from '../workers/src/platform/processing/processStoredEvents';
import { registry } from '../workers/src/platform/registry';

/** A counter shared by a fake's methods. */
export interface Calls {
  n: number;
}

/** The bot, its top role and the autorole the bench's Welcome config gives. */
export const BENCH_IDS = { bot: '900000000000000001', botRole: '900000000000000002', autorole: '900000000000000003', channel: '900000000000000004' };

/**
 * Discord REST answering from memory: the guild's roles (the autorole below the bot's role,
 * so autorole succeeds), the bot's member, and an id for every message sent.
 */
export function fakeRest(calls: Calls): REST {
  const roles = [
    { id: BENCH_IDS.botRole, name: 'Bot', position: 10, managed: false },
    { id: BENCH_IDS.autorole, name: 'Newcomer', position: 1, managed: false },
  ] as APIRole[];
  const member = { roles: [BENCH_IDS.botRole] } as APIGuildMember;
  let next = 1;
  const rest = {
    get: async (route: string) => (calls.n++, route.endsWith('/roles') ? roles : member),
    post: async (route: string) => (calls.n++, { id: String(next++), channel_id: route.split('/')[2] } as APIMessage),
    put: async () => (calls.n++, undefined),
    delete: async () => (calls.n++, undefined),
    patch: async () => (calls.n++, undefined),
  };
  return rest as unknown as REST;
}

/**
 * The hub as processing sees it (`getState`, `publish`, `countedMembers`: in-process in the hub, no RPC), backed by the real `HubCore` on an
 * in-memory storage; its database reads and writes go to `db` (hydration happens once, in
 * the warm-up). `calls.n` counts RPCs, as each is one Durable Object call in production.
 */
export function fakeHub(db: Db, calls: Calls): { hub: NonNullable<ProcessDeps['hub']>; core: HubCore } {
  const storage = new Map<string, unknown>();
  const core = new HubCore({
    storage: {
      get: async (k) => structuredClone(storage.get(k)) as never,
      put: async (k, v) => void storage.set(k, structuredClone(v)),
      delete: async (k) => storage.delete(k),
    },
    registry,
    withDb: (fn) => fn(db),
    broadcast: () => {},
    notifyShard: async () => {},
  });
  const hub: NonNullable<ProcessDeps['hub']> = (guildId) => ({
    getState: () => (calls.n++, core.getState(guildId)),
    publish: (input) => (calls.n++, core.publish(guildId, input)),
    countedMembers: () => core.countedMembers(),
  });
  return { hub, core };
}

/** Upstash-like Redis with the one command processing uses (`del`), counting calls. */
export function fakeRedis(calls: Calls): { del: (...keys: string[]) => Promise<number> } {
  return { del: async (...keys) => (calls.n++, keys.length) };
}
