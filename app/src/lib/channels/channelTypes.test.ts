import { describe, expect, it } from 'vitest';
import type { Channel } from '../api/shapes';
import { countByType, flattenChannels, matchesType } from './channelTypes';

const ch = (id: string, type: number, parentId: string | null = null): Channel =>
  ({ id, name: id, type, position: 0, parentId, topic: null, nsfw: false, rateLimitPerUser: 0, permissionOverwrites: [], botCanView: true });

const grouped = {
  uncategorized: [ch('a', 0)],
  categories: [{ category: ch('cat', 4), channels: [ch('b', 0, 'cat'), ch('v', 2, 'cat'), ch('t1', 11, 'cat'), ch('t2', 12, 'cat')] }],
};

describe('channel types', () => {
  it('flattens categories with their channels, in order', () => {
    expect(flattenChannels(grouped).map((c) => c.id)).toEqual(['a', 'cat', 'b', 'v', 't1', 't2']);
  });

  it('counts per type, both thread types together', () => {
    expect([...countByType(flattenChannels(grouped))].sort()).toEqual([[0, 2], [11, 2], [2, 1], [4, 1]].sort());
  });

  it('filters by type with null meaning all', () => {
    expect(matchesType(ch('x', 2), null)).toBe(true);
    expect(matchesType(ch('x', 2), 0)).toBe(false);
    expect(matchesType(ch('x', 12), 11)).toBe(true);
  });
});
