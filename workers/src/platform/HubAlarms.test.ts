import { describe, expect, it } from 'vitest';
import { HubAlarms, nextAligned, type AlarmStorage } from './HubAlarms';

/** Durable Object storage's alarm and key/value, in memory. */
function memoryStorage() {
  const kv = new Map<string, unknown>();
  const s = {
    alarm: null as number | null,
    writes: 0,
    get: async <T>(k: string) => kv.get(k) as T | undefined,
    put: async (k: string, v: unknown) => void (s.writes++, kv.set(k, structuredClone(v))),
    setAlarm: async (at: number) => void (s.alarm = at),
    deleteAlarm: async () => void (s.alarm = null),
  };
  return s satisfies AlarmStorage;
}

describe('HubAlarms: one Durable Object alarm, several purposes', () => {
  it('sets the alarm to the earliest purpose, runs what is due, and re-arms with what handlers ask', async () => {
    const storage = memoryStorage();
    const alarms = new HubAlarms(storage);
    await alarms.ensure('flush', 10_000, 'g');
    await alarms.ensure('other', 5_000, 'g');
    expect(storage.alarm).toBe(5_000);
    const ran: string[] = [];
    const handlers = {
      flush: async () => (ran.push('flush'), 70_000),
      other: async () => (ran.push('other'), null),
    };
    expect(await alarms.run(6_000, handlers)).toEqual(['other']);
    expect(storage.alarm).toBe(10_000);
    expect(await alarms.run(10_000, handlers)).toEqual(['flush']);
    expect(storage.alarm).toBe(70_000);
    expect(ran).toEqual(['other', 'flush']);
    // A new instance (the DO was evicted) reads the same schedule from storage.
    expect(await new HubAlarms(storage).next('flush')).toEqual({ at: 70_000, guildId: 'g' });
  });

  it('keeps an earlier time and writes nothing when the purpose is already due sooner', async () => {
    const storage = memoryStorage();
    const alarms = new HubAlarms(storage);
    await alarms.ensure('flush', 10_000, 'g');
    const writes = storage.writes;
    await alarms.ensure('flush', 20_000, 'g');
    expect(storage.writes).toBe(writes);
    expect(storage.alarm).toBe(10_000);
  });

  it('retries a handler that threw a minute later, and clears the alarm when nothing is left', async () => {
    const storage = memoryStorage();
    const alarms = new HubAlarms(storage);
    await alarms.ensure('flush', 1_000, 'g');
    await alarms.run(1_000, { flush: async () => { throw new Error('Neon down'); } });
    expect(storage.alarm).toBe(61_000);
    await alarms.run(61_000, { flush: async () => null });
    expect(storage.alarm).toBeNull();
  });
});

describe('nextAligned', () => {
  it('gives the next wall-clock multiple (the same for every hub), after now, plus the offset', () => {
    const hour = 3_600_000;
    expect(nextAligned(Date.UTC(2026, 0, 1, 10, 17), 60)).toBe(Date.UTC(2026, 0, 1, 11, 0));
    expect(nextAligned(Date.UTC(2026, 0, 1, 11, 0), 60)).toBe(Date.UTC(2026, 0, 1, 11, 0) + hour);
    expect(nextAligned(Date.UTC(2026, 0, 1, 10, 17), 15, 7_000)).toBe(Date.UTC(2026, 0, 1, 10, 30, 7));
    expect(nextAligned(Date.UTC(2026, 0, 1, 10, 0, 3), 60, 7_000)).toBe(Date.UTC(2026, 0, 1, 10, 0, 7));
  });
});
