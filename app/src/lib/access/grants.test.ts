import { describe, expect, it } from 'vitest';
import { isSnowflake, upsertGrant } from './grants';

const g = (userId: string, level: 'view' | 'edit' | 'manage' = 'view') => ({ userId, level, grantedBy: null, createdAt: '2024-01-01T00:00:00Z' });

describe('grants helpers', () => {
  it('accepts only Discord ids', () => {
    expect(isSnowflake(' 175928847299117063 ')).toBe(true);
    expect(isSnowflake('12345')).toBe(false);
    expect(isSnowflake('1759288472991170x3')).toBe(false);
  });

  it('adds or replaces a grant and keeps the order stable', () => {
    const list = [g('200000000000000000'), g('100000000000000000')];
    const next = upsertGrant(list, g('200000000000000000', 'manage'));
    expect(next.map((x) => [x.userId, x.level])).toEqual([['100000000000000000', 'view'], ['200000000000000000', 'manage']]);
    expect(upsertGrant(next, g('150000000000000000')).map((x) => x.userId)[1]).toBe('150000000000000000');
  });
});
