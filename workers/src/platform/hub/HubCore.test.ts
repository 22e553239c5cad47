import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registry } from '../registry';
import type { GuildState } from './GuildState';
import { HubCore } from './HubCore';
import type { HubMessage } from './HubMessage';

const GUILD = '700000000000000009';
const stored: GuildState = { guildId: GUILD, plan: 'free', guild: { name: 'Guild', icon: null, ownerId: '1', memberCount: 10 }, modules: {} };

let storage: Map<string, unknown>;
/** Each stored key written (a billed row in Durable Object storage). */
let writes: string[];
let sent: HubMessage[];

const hub = () => new HubCore({
  storage: {
    get: async (k) => structuredClone(storage.get(k)) as never,
    put: async (k, v) => void (writes.push(k), storage.set(k, structuredClone(v))),
    delete: async (k) => (writes.push(k), storage.delete(k)),
  },
  registry,
  withDb: () => Promise.reject(new Error('no Postgres on this path')),
  broadcast: (m) => void sent.push(m),
  notifyShard: async () => {},
});
const join = (memberCount: number) => ({ items: [{ module: 'core', kind: 'member.join', level: 'info' as const, summary: 'joined' }], guild: { ...stored.guild!, memberCount } });

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-30T10:00:00Z'), toFake: ['Date'] });
  storage = new Map([['state', structuredClone(stored)]]);
  writes = [];
  sent = [];
});
afterEach(() => void vi.useRealTimers());

describe('HubCore live counters and member count', () => {
  it('stores counters alone at most every 5 minutes, and broadcasts every batch', async () => {
    const core = hub();
    for (let i = 0; i < 5; i++) {
      await core.publish(GUILD, { items: [], counters: { MESSAGE_CREATE: 10 } });
      vi.advanceTimersByTime(60_000);
    }
    expect(writes).toEqual(['live']);
    expect(sent.filter((m) => m.type === 'counters')).toHaveLength(5);
    expect(await core.counters()).toEqual({ MESSAGE_CREATE: 50 });
    await core.publish(GUILD, { items: [], counters: { MESSAGE_CREATE: 1 } });
    expect(writes).toEqual(['live', 'live']);
    // A fresh instance (the object was evicted) finds what was stored.
    expect(await hub().counters()).toEqual({ MESSAGE_CREATE: 51 });
  });

  it('stores routine message lines with the next save, and a join at once', async () => {
    const core = hub();
    const posted = { module: 'system', kind: 'message', level: 'info' as const, summary: 'posted', transient: true };
    await core.publish(GUILD, { items: [posted], counters: { MESSAGE_CREATE: 1 } });
    await core.publish(GUILD, { items: [posted], counters: { MESSAGE_CREATE: 1 } });
    expect(writes).toEqual(['live']);
    expect(sent.filter((m) => m.type === 'event')).toHaveLength(2);
    expect(await core.recentFeed()).toHaveLength(2);
    await core.publish(GUILD, join(11));
    expect(writes).toEqual(['live', 'live']);
    expect((await hub().recentFeed()).map((i) => i.kind)).toEqual(['message', 'message', 'member.join']);
  });

  it('keeps a join or leave in one stored row, and the count survives a restart', async () => {
    const core = hub();
    await core.publish(GUILD, join(11));
    await core.publish(GUILD, join(12));
    expect(writes).toEqual(['live', 'live']);
    expect((await core.getState(GUILD)).guild!.memberCount).toBe(12);
    expect((await hub().getState(GUILD)).guild).toEqual({ ...stored.guild, memberCount: 12 });
  });

  it('a renamed guild stores its state, with the count from then on', async () => {
    const core = hub();
    await core.publish(GUILD, join(11));
    await core.publish(GUILD, { items: [], guild: { ...stored.guild!, name: 'Renamed', memberCount: 11 } });
    expect(writes).toEqual(['live', 'state', 'live']);
    expect((await hub().getState(GUILD)).guild).toEqual({ ...stored.guild, name: 'Renamed', memberCount: 11 });
  });
});
