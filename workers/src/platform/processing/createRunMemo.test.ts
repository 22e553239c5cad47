import { describe, expect, it } from 'vitest';
import { createRunMemo } from './createRunMemo';

describe('createRunMemo', () => {
  it('runs a key once and shares its promise; keys and memos are apart', async () => {
    const memo = createRunMemo();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([memo('a', load), memo('a', load), memo('b', load)])).toEqual([1, 1, 2]);
    expect(await memo('a', load)).toBe(1);
    expect(await createRunMemo()('a', load)).toBe(3);
  });

  it('forgets a failed load, so the next caller retries', async () => {
    const memo = createRunMemo();
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new Error('Discord 502');
      return 'ok';
    };
    const [first, second] = await Promise.allSettled([memo('k', flaky), memo('k', flaky)]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected');
    expect(await memo('k', flaky)).toBe('ok');
    expect(calls).toBe(2);
  });
});
