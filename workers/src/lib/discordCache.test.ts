import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalStack, type LocalStack } from '@edge/dev';
import { discordCache, withDiscordReads } from './discordCache';
import { getRedis } from './redis';

describe('discordCache (against the local Redis REST engine)', () => {
  let stack: LocalStack;
  let redis: ReturnType<typeof getRedis>;
  beforeAll(async () => {
    stack = await startLocalStack();
    redis = getRedis(stack.vars);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads Discord once per request for one kind, however many readers', async () => {
    const load = vi.fn(async () => [{ id: 'r1' }]);
    await withDiscordReads(async () => {
      const [a, b] = await Promise.all([discordCache.read(redis, 'g1', 'roles', load), discordCache.read(redis, 'g1', 'roles', load)]);
      const c = await discordCache.read(redis, 'g1', 'roles', load);
      expect([a, b, c]).toEqual([[{ id: 'r1' }], [{ id: 'r1' }], [{ id: 'r1' }]]);
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps a large kind parsed while Redis holds the same copy, and follows any other writer', async () => {
    const load = vi.fn(async () => ['m1', 'm2']);
    expect(await discordCache.read(redis, 'g2', 'members', load, { stamped: true })).toEqual(['m1', 'm2']);
    expect(await discordCache.read(redis, 'g2', 'members', load, { stamped: true })).toEqual(['m1', 'm2']);
    expect(load).toHaveBeenCalledTimes(1);
    // Another isolate stored a newer list: the memo is not used against a different stamp.
    await redis.set('dc:g2:members', ['m3'], { ex: 30 });
    await redis.set('dc:g2:members:v', 'another-isolate', { ex: 30 });
    expect(await discordCache.read(redis, 'g2', 'members', load, { stamped: true })).toEqual(['m3']);
    // Dropped after a write (here or in another isolate): read from Discord again.
    await discordCache.forget(redis, 'g2', 'members');
    load.mockResolvedValueOnce(['m4']);
    expect(await discordCache.read(redis, 'g2', 'members', load, { stamped: true })).toEqual(['m4']);
    await redis.del('dc:g2:members:v');
    load.mockResolvedValueOnce(['m5']);
    expect(await discordCache.read(redis, 'g2', 'members', load, { stamped: true })).toEqual(['m5']);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('drops the member list on joins only while a dashboard watches, and roles and bans always', async () => {
    const join = [{ guildId: 'g3', type: 'GUILD_MEMBER_ADD' }];
    const roleChange = [{ guildId: 'g3', type: 'GUILD_ROLE_UPDATE' }];
    expect(discordCache.changes(join, { watched: false })).toBe(false);
    expect(discordCache.changes(roleChange, { watched: false })).toBe(true);
    await redis.set('dc:g3:members', ['m1'], { ex: 30 });
    await redis.set('dc:g3:roles', ['r1'], { ex: 30 });
    await discordCache.forgetChanged(redis, [...join, ...roleChange], { watched: false });
    expect(await redis.get('dc:g3:members')).toEqual(['m1']);
    expect(await redis.get('dc:g3:roles')).toBeNull();
    await discordCache.forgetChanged(redis, join, { watched: true });
    expect(await redis.get('dc:g3:members')).toBeNull();
  });
});
