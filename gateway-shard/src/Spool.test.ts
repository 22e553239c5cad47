import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Spool, type SpoolEvent } from './Spool';

const dir = mkdtempSync(join(tmpdir(), 'spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number, extra: Partial<SpoolEvent> = {}): SpoolEvent => ({
  eventId: `E:${n}`,
  shardId: 0,
  type: n % 2 ? 'MESSAGE_CREATE' : 'GUILD_MEMBER_ADD',
  guildId: '1',
  payload: JSON.stringify({ n }),
  priority: false,
  receivedAt: 1_000 + n,
  ...extra,
});
const session = (sequence: number) => ({ shardId: 0, shardCount: 1, sessionId: 's1', resumeURL: 'ws://x', sequence });

describe('Spool', () => {
  it('stores each event with its session sequence and survives reopening', () => {
    const path = join(dir, 'a.sqlite');
    const spool = new Spool(path);
    for (let i = 1; i <= 5; i++) expect(spool.store(event(i), session(i))).toBe(true);
    spool.close();
    const again = new Spool(path);
    expect(again.depth).toBe(5);
    expect(again.loadSession(0)).toEqual(session(5));
    expect(again.take('normal', 0, 100).map((r) => r.eventId)).toEqual(['E:1', 'E:2', 'E:3', 'E:4', 'E:5']);
    again.close();
  });

  it('dedupes by event id and by (session, sequence)', () => {
    const spool = new Spool(join(dir, 'b.sqlite'));
    expect(spool.store(event(1), session(1))).toBe(true);
    expect(spool.store(event(1), session(2))).toBe(false);
    expect(spool.store(event(9), session(1))).toBe(false);
    expect(spool.depth).toBe(1);
    spool.close();
  });

  it('stores neither the event nor the session when one of the two writes fails', () => {
    const spool = new Spool(join(dir, 'c.sqlite'));
    spool.store(event(1), session(1));
    expect(() => spool.store(event(2), { ...session(2), resumeURL: null as unknown as string })).toThrow();
    expect(spool.loadSession(0)?.sequence).toBe(1);
    expect(spool.take('normal', 0, 10).map((r) => r.eventId)).toEqual(['E:1']);
    expect(spool.depth).toBe(1);
    spool.close();
  });

  it('keeps lanes apart, acks by row id and drops the oldest past its bounds', () => {
    const spool = new Spool(join(dir, 'd.sqlite'));
    for (let i = 1; i <= 10; i++) spool.store(event(i, { priority: i === 3 }), session(i));
    expect(spool.take('priority', 0, 100).map((r) => r.eventId)).toEqual(['E:3']);
    const normal = spool.take('normal', 0, 4);
    expect(normal.map((r) => r.eventId)).toEqual(['E:1', 'E:2', 'E:4', 'E:5']);
    expect(spool.ack(normal.slice(0, 2).map((r) => r.id))).toBe(2);
    expect(spool.depth).toBe(8);
    const dropped = spool.enforceBounds(5, 0);
    expect(Object.values(dropped).reduce((a, b) => a + b)).toBe(3);
    expect(spool.depth).toBe(5);
    expect(spool.take('normal', 0, 100).map((r) => r.eventId)).toEqual(['E:6', 'E:7', 'E:8', 'E:9', 'E:10']);
    const aged = spool.enforceBounds(100, 5, 1_000 + 13);
    expect(aged).toEqual({ GUILD_MEMBER_ADD: 1, MESSAGE_CREATE: 1 });
    expect(spool.depth).toBe(3);
    spool.close();
  });

  it('persists values such as the last config', () => {
    const path = join(dir, 'e.sqlite');
    const spool = new Spool(path);
    spool.setValue('cfg', { guilds: { 1: ['MESSAGE_CREATE'] } });
    spool.close();
    const again = new Spool(path);
    expect(again.getValue('cfg')).toEqual({ guilds: { 1: ['MESSAGE_CREATE'] } });
    expect(again.getValue('none')).toBeNull();
    again.close();
  });
});
