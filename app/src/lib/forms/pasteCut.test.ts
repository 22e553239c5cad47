import { describe, expect, it } from 'vitest';
import { pasteCut } from './pasteCut';

describe('paste over a limit', () => {
  it('keeps what fits and says how much was cut', () => {
    const r = pasteCut('Hello ', 'x'.repeat(10_000), 6, 6, 2_000)!;
    expect(r.value).toHaveLength(2_000);
    expect(r.caret).toBe(2_000);
    expect(r.note).toContain('10,000 characters');
    expect(r.note).toContain('the last 8,006 were cut');
  });

  it('counts the selection the paste replaces, and says nothing when all fits', () => {
    expect(pasteCut('abcdef', 'xyz', 0, 6, 5)).toBeNull();
    expect(pasteCut('abc', 'wxyz', 3, 3, 5)!.value).toBe('abcwx');
  });
});
