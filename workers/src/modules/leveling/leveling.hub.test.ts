import { sql } from 'drizzle-orm';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from './testing/createTestDb';
import { queryRows, type LevelingDb } from './db';
import { ADJUST_EVENT, IMPORT_EVENT } from './events/toXpInput';
import { flushXpSql } from './hub/flushXpSql';
import { xpEvents, xpHub } from './testing/xpHub';
import type { ModuleEvent } from '../../platform/ModuleDefinition';

let db: LevelingDb;
let client: PGlite;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, client, close } = await createTestDb());
});
afterAll(() => close());

const T0 = Date.parse('2026-11-29T10:00:00Z');
const s = (sec: number) => T0 + sec * 1000;
const now = () => s(3600);
const C2 = '200000000000000002';
const C3 = '200000000000000003';
const MUTED = '300000000000000001';
const V2 = '200000000000000012';
const AFK = '200000000000000013';
const flat = { messageXpMin: 10, messageXpMax: 10, voiceXpPerMinute: 5 };
const admin = (guildId: string, eventId: string, payload: unknown, type = ADJUST_EVENT): ModuleEvent => ({ eventId, guildId, type: type as GatewayDispatchEvents, payload, receivedAt: new Date(now()), config: {}, plan: 'free' });
const pg = async (guildId: string) => Object.fromEntries((await queryRows<{ user_id: string; xp: number; messages: number; voice_minutes: number }>(db, sql`SELECT * FROM leveling_members WHERE guild_id = ${guildId}`)).map((r) => [r.user_id, [Number(r.xp), r.messages, r.voice_minutes]]));

describe('message XP', () => {
  it('earns per message once per cooldown, times the channel multiplier; nothing in no-XP channels, with no-XP roles, for bots', () => {
    const f = xpEvents('g1');
    const hub = xpHub('g1', { ...flat, cooldownSeconds: 60, channelMultipliers: [{ channelId: C2, multiplier: 2.5 }], noXpChannelIds: [C3], noXpRoleIds: [MUTED] }, { now });
    hub.count([
      f.message('u1', 'c1', s(0)), f.message('u1', 'c1', s(30)), f.message('u1', 'c1', s(61)), // 2nd within the cooldown
      f.message('u2', C2, s(0)), f.message('u3', C3, s(0)), f.message('u4', 'c1', s(0), { roles: [MUTED] }), f.message('bot', 'c1', s(0), { bot: true }),
    ]);
    expect([hub.xp('u1'), hub.xp('u2'), hub.xp('u3'), hub.xp('u4'), hub.xp('bot')]).toEqual([20, 25, 0, 0, 0]);
    expect(hub.read({ userId: 'u1' })).toEqual({ member: { userId: 'u1', xp: 20, messages: 2, voiceMinutes: 0, rank: 2 }, total: 2 });
  });

  it('draws each message’s XP between min and max from its id: the same on every delivery', () => {
    const f = xpEvents('g2');
    const a = xpHub('g2', { messageXpMin: 15, messageXpMax: 25, cooldownSeconds: 0 }, { now });
    const b = xpHub('g2', { messageXpMin: 15, messageXpMax: 25, cooldownSeconds: 0 }, { now });
    const batch = Array.from({ length: 40 }, (_, i) => f.message('u1', 'c1', s(i)));
    a.count(batch);
    b.count(batch.slice(0, 20));
    b.count(batch.slice(20));
    expect(a.xp('u1')).toBe(b.xp('u1'));
    expect(a.xp('u1')).toBeGreaterThanOrEqual(40 * 15);
    expect(a.xp('u1')).toBeLessThanOrEqual(40 * 25);
    expect(a.xp('u1')).not.toBe(40 * 15);
  });

  it('a re-delivered batch counts nothing and changes no level; each batch writes one row', () => {
    const f = xpEvents('g3');
    const hub = xpHub('g3', { ...flat, cooldownSeconds: 0 }, { now });
    hub.count([f.message('u9', 'c1', s(0))]); // the store's first batch also writes its meta
    const batch = Array.from({ length: 10 }, (_, i) => f.message('u1', 'c1', s(i + 1)));
    const before = hub.store.rowsWritten;
    const first = hub.count(batch);
    expect(hub.store.rowsWritten - before).toBe(1);
    expect(first.changes).toEqual([{ userId: 'u1', from: 0, to: 1, xp: 100, channelId: 'c1', roles: [] }]);
    const again = hub.count(batch);
    expect(again).toMatchObject({ fresh: 0, seen: 10, changes: [] });
    expect(hub.xp('u1')).toBe(100);
    const next = hub.store.rowsWritten;
    hub.count([f.message('u2', 'c1', s(20)), f.message('u3', 'c1', s(21))]);
    expect(hub.store.rowsWritten - next).toBe(1);
  });
});

describe('voice XP', () => {
  it('earns per minute while not alone and not deafened; the channel multiplier and no-XP channels apply', () => {
    const f = xpEvents('g4');
    const hub = xpHub('g4', { ...flat, channelMultipliers: [{ channelId: V2, multiplier: 2 }], noXpChannelIds: [AFK] }, { now });
    hub.count([
      f.voice('u1', 'v1', s(0)), // alone for a minute
      f.voice('u2', 'v1', s(60)),
      f.voice('u1', 'v1', s(180), { deaf: true }), // u1 deafened: u2 still has company
      f.voice('u2', null, s(300)),
      f.voice('u1', null, s(360)),
      // Double XP in v2 for 3 minutes together; nothing in the AFK channel.
      f.voice('u3', V2, s(0)), f.voice('u4', V2, s(0)), f.voice('u3', null, s(180)), f.voice('u4', null, s(181)),
      f.voice('u5', AFK, s(0)), f.voice('u6', AFK, s(0)), f.voice('u5', null, s(600)), f.voice('u6', null, s(600)),
    ]);
    expect(hub.read({ userId: 'u1' })).toMatchObject({ member: { xp: 10, voiceMinutes: 2 } });
    expect(hub.read({ userId: 'u2' })).toMatchObject({ member: { xp: 20, voiceMinutes: 4 } });
    expect([hub.xp('u3'), hub.xp('u4'), hub.xp('u5'), hub.xp('u6')]).toEqual([30, 30, 0, 0]);
  });

  it('keeps the seconds short of a minute for the next interval, across batches', () => {
    const f = xpEvents('g5');
    const hub = xpHub('g5', flat, { now });
    hub.count([f.voice('u1', 'v1', s(0)), f.voice('u2', 'v1', s(0))]);
    hub.count([f.voice('u1', 'v1', s(90), { deaf: true })]); // 1.5 min each so far
    hub.count([f.voice('u1', 'v1', s(120)), f.voice('u2', null, s(150))]);
    // u1: 90 s + 30 s (deaf 90→120 earns nothing) = 2 min; u2: 150 s = 2 min + 30 s left over.
    expect([hub.read({ userId: 'u1' }), hub.read({ userId: 'u2' })].map((r) => 'member' in r && r.member.voiceMinutes)).toEqual([2, 2]);
  });
});

describe('admin changes and imports', () => {
  it('give, take (never below 0) and reset go through the journal, once per request id; levels follow both ways', () => {
    const hub = xpHub('g6', flat, { now });
    expect(hub.count([admin('g6', 'xp:1', { op: 'give', userId: 'u1', amount: 400 })]).changes).toMatchObject([{ userId: 'u1', from: 0, to: 2 }]);
    expect(hub.count([admin('g6', 'xp:1', { op: 'give', userId: 'u1', amount: 400 })]).fresh).toBe(0);
    expect(hub.count([admin('g6', 'xp:2', { op: 'take', userId: 'u1', amount: 300 })]).changes).toMatchObject([{ from: 2, to: 1 }]);
    hub.count([admin('g6', 'xp:3', { op: 'take', userId: 'u1', amount: 9999 })]);
    expect(hub.xp('u1')).toBe(0);
    hub.count([admin('g6', 'xp:4', { op: 'give', userId: 'u1', amount: 50 }), admin('g6', 'xp:5', { op: 'reset', userId: 'u1', amount: 0 })]);
    expect(hub.xp('u1')).toBe(0);
  });

  it('an import sets each listed member’s XP (and messages) without a burst of level-ups', () => {
    const hub = xpHub('g7', flat, { now });
    hub.count([admin('g7', 'xp:1', { op: 'give', userId: 'u1', amount: 5 })]);
    const res = hub.count([admin('g7', 'import:1', { rows: [{ userId: 'u1', xp: 1234, messages: 80 }, { userId: 'u2', xp: 50 }] }, IMPORT_EVENT)]);
    expect(res.changes).toEqual([]);
    expect(hub.read({ userId: 'u1' })).toMatchObject({ member: { xp: 1234, messages: 80, rank: 1 } });
    expect(hub.xp('u2')).toBe(50);
  });
});

describe('exact across flushes and restarts', () => {
  it('Postgres holds what the hub counted after each flush; a flush sent again adds nothing; an evicted hub rebuilds the same state', async () => {
    const f = xpEvents('g8');
    let hub = xpHub('g8', { ...flat, cooldownSeconds: 0 }, { now });
    hub.count([f.message('u1', 'c1', s(0)), f.message('u2', 'c1', s(1)), f.voice('u1', 'v1', s(0)), f.voice('u2', 'v1', s(0))]);
    hub.count([admin('g8', 'xp:1', { op: 'give', userId: 'u3', amount: 70 })]);
    const pending = hub.ledger.pending();
    expect(await hub.flush(db)).toEqual({ statements: 1, pending: false });
    expect(await pg('g8')).toEqual({ u1: [10, 1, 0], u2: [10, 1, 0], u3: [70, 0, 0] });
    // The answer was lost: the same generation is sent again and adds nothing.
    await queryRows(db, flushXpSql('g8', pending[0]!.flushId, pending[0]!.deltas));
    expect(await pg('g8')).toEqual({ u1: [10, 1, 0], u2: [10, 1, 0], u3: [70, 0, 0] });
    // Voice time continues over the flush; the hub is evicted, then rebuilt from its snapshot and journal.
    hub.count([f.voice('u1', null, s(600))]);
    hub = hub.reopen();
    expect([hub.xp('u1'), hub.xp('u2'), hub.xp('u3')]).toEqual([60, 60, 70]);
    hub.count([f.voice('u2', null, s(601)), f.message('u3', 'c1', s(602))]);
    // An event counted before the restart is still recognized.
    expect(hub.count([f.message('u1', 'c1', s(0), { id: 'e1' })]).fresh).toBe(0);
    await hub.flush(db);
    expect(await pg('g8')).toEqual({ u1: [60, 1, 10], u2: [60, 1, 10], u3: [80, 1, 0] });
    const reopened = hub.reopen();
    expect([reopened.xp('u1'), reopened.xp('u2'), reopened.xp('u3')]).toEqual([60, 60, 80]);
    expect(await hub.flush(db)).toEqual({ statements: 0, pending: false });
    expect(Number((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM leveling_flushes WHERE guild_id = 'g8'`)).rows[0]!.n)).toBe(2);
  });
});
