import { describe, expect, it } from 'vitest';
import { planChange } from './planChange';

const options = ['1', '2', '3'].map((roleId) => ({ roleId, label: roleId, emoji: null }));

describe('planChange', () => {
  it('toggle adds what is missing and removes what is held', () => {
    expect(planChange({ mode: 'toggle', options }, ['2'], ['1', '2'])).toEqual({ add: ['1'], remove: ['2'] });
  });
  it('add only never removes; remove only never adds', () => {
    expect(planChange({ mode: 'add', options }, ['2'], ['1', '2'])).toEqual({ add: ['1'], remove: [] });
    expect(planChange({ mode: 'remove', options }, ['2'], ['1', '2'])).toEqual({ add: [], remove: ['2'] });
  });
  it('unique swaps the held role of the panel for the pick, and a second pick of it removes it', () => {
    expect(planChange({ mode: 'unique', options }, ['2', '9'], ['3'])).toEqual({ add: ['3'], remove: ['2'] });
    expect(planChange({ mode: 'unique', options }, ['3'], ['3'])).toEqual({ add: [], remove: ['3'] });
  });
  it('ignores roles that are not on the panel (a forged select value)', () => {
    expect(planChange({ mode: 'toggle', options }, [], ['1', '42'])).toEqual({ add: ['1'], remove: [] });
  });
});
