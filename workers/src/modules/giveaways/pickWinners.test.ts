import { describe, expect, it } from 'vitest';
import { pickWinners } from './pickWinners';

describe('drawing winners', () => {
  it('draws distinct winners, never an excluded one, as many as there are entrants at most', () => {
    const entries = ['a', 'b', 'c'].map((userId) => ({ userId, weight: 1 }));
    const won = pickWinners(entries, 5);
    expect(new Set(won).size).toBe(3);
    expect(pickWinners(entries, 2, ['a', 'b'])).toEqual(['c']);
    expect(pickWinners([], 1)).toEqual([]);
  });

  it('weights chances by entries: a member with 3 entries wins about three times as often', () => {
    let seed = 7;
    const rng = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const wins = { heavy: 0, light: 0 };
    for (let i = 0; i < 4000; i++) wins[pickWinners([{ userId: 'heavy', weight: 3 }, { userId: 'light', weight: 1 }], 1, [], rng)[0] as 'heavy' | 'light']++;
    expect(wins.heavy / wins.light).toBeGreaterThan(2.5);
    expect(wins.heavy / wins.light).toBeLessThan(3.5);
  });
});
