import { describe, expect, it } from 'vitest';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import { NeedsStore, configMessages, shardKeyOf } from './NeedsStore';

/** A guild id whose `id >> 22` is `key`. */
const guild = (key: number, low = 1) => ((BigInt(key) << 22n) + BigInt(low)).toString();
const base = { defaults: ['GUILD_MEMBER_ADD'], intents: 3, fields: { MESSAGE_CREATE: ['id'] } };

describe('NeedsStore', () => {
  it('keeps one row per guild, rewrites only what changed, and filters by shard', () => {
    const sql = sqliteExec();
    const store = new NeedsStore(sql);
    expect(store.empty).toBe(true);
    expect(store.load()).toBeNull();
    const guilds = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [guild(1_000 + i), ['MESSAGE_CREATE']]));
    expect(store.replace({ ...base, guilds })).toBe(11);
    expect(store.replace({ ...base, guilds })).toBe(0);
    store.set(guild(1_003), ['MESSAGE_REACTION_ADD']);
    const { [guild(1_009)]: _gone, ...fewer } = guilds;
    expect(store.replace({ ...base, guilds: { ...fewer, [guild(1_003)]: ['MESSAGE_CREATE'] } })).toBe(2);
    expect(Object.keys(store.load()!.guilds)).toHaveLength(9);
    expect(store.load()).toMatchObject(base);
    const onShard1 = store.load({ shardCount: 4, shards: [1] })!;
    expect(Object.keys(onShard1.guilds).sort()).toEqual([guild(1_001), guild(1_005)].sort());
    expect(Object.keys(onShard1.guilds).every((g) => shardKeyOf(g) % 4 === 1)).toBe(true);
    // One row per guild: the largest stored value does not grow with the number of guilds.
    const longest = sql.db.prepare('SELECT max(length(events)) AS n FROM guild_needs').get() as { n: number };
    expect(longest.n).toBeLessThan(100);
  });

  it('splits a large config into messages that each stay small, the first replacing and the rest adding guilds', () => {
    const guilds = Object.fromEntries(Array.from({ length: 4_500 }, (_, i) => [guild(5_000 + i), ['MESSAGE_CREATE', 'VOICE_STATE_UPDATE']]));
    const messages = configMessages({ ...base, guilds }).map((m) => JSON.parse(m) as { type: string; guilds: Record<string, string[]> });
    expect(messages.map((m) => m.type)).toEqual(['config', 'config:guilds', 'config:guilds']);
    expect(messages[0]).toMatchObject(base);
    expect(messages.reduce((n, m) => n + Object.keys(m.guilds).length, 0)).toBe(4_500);
    expect(Math.max(...configMessages({ ...base, guilds }).map((m) => m.length))).toBeLessThan(1_000_000);
  });
});
