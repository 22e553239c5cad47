import { describe, expect, it } from 'vitest';
import { lockedBy, periodsFor, premiumAdds } from './premiumAdds';

describe('plan gating', () => {
  it('offers the periods the plan retains', () => {
    expect(periodsFor([1, 7, 30, 90], { retention_days: { limit: 7, used: 0 } })).toEqual({ offered: [1, 7], locked: [30, 90] });
    expect(periodsFor([1, 7, 30, 90], { retention_days: { limit: -1, used: 0 } }).locked).toEqual([]);
    expect(periodsFor([7, 30], undefined).offered).toEqual([7, 30]);
  });

  it('locks what a 0 limit forbids and says what Premium adds', () => {
    expect(lockedBy({ embeds: { limit: 0, used: 0 } }, 'embeds')).toBe(true);
    expect(lockedBy({ embeds: { limit: 1, used: 0 } }, 'embeds')).toBe(false);
    expect(premiumAdds('welcome', 'embeds')).toMatch(/embed/);
  });
});
