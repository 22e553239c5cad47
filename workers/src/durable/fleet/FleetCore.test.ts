import { beforeEach, describe, expect, it } from 'vitest';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { FleetCore } from './FleetCore';

const LEASE = 10_000;
const WINDOW = 5_000;
let fleet: FleetCore;
let now: number;
const state = (sessionId: string, sequence: number) => ({ sessionId, sequence, resumeURL: 'wss://resume', shardCount: 4 });

beforeEach(() => {
  now = 1_700_000_000_000;
  fleet = new FleetCore(sqliteExec(), { leaseMs: LEASE, identifyWindowMs: WINDOW });
});

describe('FleetCore', () => {
  it('fixes the shard count once and splits the shards in ranges over the live processes', () => {
    fleet.register({ processId: 'a', recommendedShards: 4, maxConcurrency: 2 }, now);
    expect(fleet.assignment('a')).toMatchObject({ shardCount: 4, maxConcurrency: 2, shards: [0, 1, 2, 3] });
    // A later process with another recommendation does not change the count.
    fleet.register({ processId: 'b', recommendedShards: 8 }, now + 1);
    // 'a' still owns 2 and 3 until it releases them: nobody runs them twice.
    expect(fleet.assignment('a').shards).toEqual([0, 1]);
    expect(fleet.assignment('b').shards).toEqual([]);
    fleet.release('a', [2, 3], { 2: state('s2', 40) });
    expect(fleet.assignment('b')).toMatchObject({ shardCount: 4, shards: [2, 3], resume: { 2: state('s2', 40) } });
  });

  it('moves the shards of a process whose lease expired, with their resume state', () => {
    fleet.register({ processId: 'a', shardCount: 4 }, now);
    fleet.register({ processId: 'b' }, now);
    fleet.release('a', [2, 3]);
    fleet.saveResume('b', { 2: state('s2', 10), 3: state('s3', 7) });
    fleet.saveResume('b', { 2: state('s2', 9) });
    fleet.saveResume('a', { 3: state('forged', 99) });
    now += LEASE / 2;
    expect(fleet.heartbeat('a', now)).toBe(true);
    now += LEASE / 2 + 1;
    expect(fleet.expire(now)).toBe(true);
    expect(fleet.processes()).toEqual(['a']);
    expect(fleet.assignment('a')).toMatchObject({ shards: [0, 1, 2, 3], resume: { 2: state('s2', 10), 3: state('s3', 7) } });
    expect(fleet.heartbeat('b', now)).toBe(false);
    expect(fleet.nextExpiry()).toBe(now - LEASE / 2 - 1 + LEASE);
  });

  it('moves the shards of a process that leaves gracefully at once, with its last resume states', () => {
    fleet.register({ processId: 'a', shardCount: 2 }, now);
    fleet.register({ processId: 'b' }, now);
    fleet.release('a', [1]);
    expect(fleet.leave('b', { 1: state('s1', 5) })).toBe(true);
    expect(fleet.assignment('a')).toMatchObject({ shards: [0, 1], resume: { 1: state('s1', 5) } });
  });

  it('grants one identify per bucket per window, to the owner only', () => {
    fleet.register({ processId: 'a', shardCount: 4, maxConcurrency: 2 }, now);
    fleet.register({ processId: 'b' }, now);
    fleet.release('a', [2, 3]);
    expect(fleet.identify('a', 0, now)).toEqual({ granted: true, retryAfterMs: 0 });
    expect(fleet.identify('a', 1, now)).toEqual({ granted: true, retryAfterMs: 0 });
    expect(fleet.identify('b', 2, now + 1_000)).toEqual({ granted: false, retryAfterMs: 4_000 });
    expect(fleet.identify('b', 3, now + WINDOW)).toEqual({ granted: true, retryAfterMs: 0 });
    expect(fleet.identify('a', 2, now + 2 * WINDOW).granted).toBe(false);
  });

  it('reshards on 4011 reported for the current count only', () => {
    fleet.register({ processId: 'a', shardCount: 2 }, now);
    fleet.saveResume('a', { 0: state('s0', 3) });
    expect(fleet.reshard(2, 3)).toBe(4);
    expect(fleet.reshard(2)).toBeNull();
    expect(fleet.assignment('a')).toMatchObject({ shardCount: 4, shards: [0, 1, 2, 3], resume: {} });
  });
});
