import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { createLogger } from '@edge/shared/log';
import type { Config } from '../../../env';
import type { Db } from '../../../lib/db';
import type { LocalStore } from '../../../platform/LocalStore';
import { sqliteLocalStore } from '../../../platform/testing/sqliteLocalStore';
import type { ModuleEvent } from '../../../platform/ModuleDefinition';
import { levelingConfigSchema, type LevelingConfig } from '../config';
import type { LevelingDb } from '../db';
import { runXpRules } from '../events/runXpRules';
import { toXpInput, type XpInput } from '../events/toXpInput';
import { flushLeveling } from '../hub/flushLeveling';
import { readLeveling, type LevelingRead } from '../hub/readLeveling';
import { XpLedger } from '../hub/XpLedger';

const silent = createLogger({}, () => {});

/** Builds gateway events of one guild as the hub receives them. */
export function xpEvents(guildId: string) {
  let n = 0;
  const ev = (type: string, payload: unknown, at: number, eventId = `e${++n}`): ModuleEvent => ({ eventId, guildId, type: type as GatewayDispatchEvents, payload, receivedAt: new Date(at), config: {}, plan: 'free' });
  return {
    message: (userId: string, channelId: string, at: number, o: { roles?: string[]; bot?: boolean; id?: string } = {}) =>
      ev(GatewayDispatchEvents.MessageCreate, { channel_id: channelId, author: { id: userId, bot: o.bot ?? false }, member: { roles: o.roles ?? [] } }, at, o.id),
    voice: (userId: string, channelId: string | null, at: number, o: { deaf?: boolean; roles?: string[] } = {}) =>
      ev(GatewayDispatchEvents.VoiceStateUpdate, { channel_id: channelId, user_id: userId, self_deaf: o.deaf ?? false, deaf: false, member: { roles: o.roles ?? [], user: { id: userId, bot: false } } }, at),
  };
}

/**
 * One guild hub's Leveling for Node tests: its SQLite (better-sqlite3, the DO's engine) and
 * the module's count (rules + journal, as the batch handler runs them), read and flush.
 * `reopen()` gives a hub over the same storage with empty memory (an evicted Durable Object).
 */
export function xpHub(guildId: string, config: Partial<LevelingConfig> = {}, opts: { now?: () => number; store?: ReturnType<typeof sqliteLocalStore> } = {}) {
  const store = opts.store ?? sqliteLocalStore();
  // A new object over the same database: a new ledger (memory), the same rows.
  const local: LocalStore = { query: (sql, ...b) => store.query(sql, ...b), transaction: (fn) => store.transaction(fn) };
  const cfg = levelingConfigSchema.parse(config);
  const now = opts.now ?? (() => Date.now());
  const ledger = XpLedger.of(local);
  return {
    store,
    ledger,
    count: (events: readonly ModuleEvent[]) => ledger.count(events.map(toXpInput).filter((x): x is XpInput => x !== null), (fresh, state) => runXpRules(cfg, fresh, state), now()),
    read: (args: unknown) => readLeveling({ guildId, local, now: new Date(now()) }, args) as LevelingRead,
    xp: (userId: string) => ledger.state.get(userId).xp,
    flush: (db: LevelingDb) => flushLeveling({ guildId, local, log: silent, now: new Date(now()), appConfig: {} as Config, db: db as unknown as Db }),
    reopen: () => xpHub(guildId, config, { ...opts, store }),
  };
}
