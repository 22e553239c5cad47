import { describe, expect, it } from 'vitest';
import { countStates, isEmptyOverwrite, permState, sameOverwrite, setPermState } from './overwrites';
import { CHANNEL_PERMISSIONS, permissionsFor } from './channelPermissions';

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const SPEAK = 1n << 21n;

describe('overwrite tri-state', () => {
  it('reads allow, deny and inherit from the two bitfields', () => {
    const ow = { allow: String(VIEW), deny: String(SEND) };
    expect(permState(ow, VIEW)).toBe('allow');
    expect(permState(ow, SEND)).toBe('deny');
    expect(permState(ow, SPEAK)).toBe('inherit');
  });

  it('treats a flag present in both fields as denied', () => {
    expect(permState({ allow: String(VIEW), deny: String(VIEW) }, VIEW)).toBe('deny');
  });

  it('moves a flag between fields without touching the others', () => {
    let ow = { allow: String(VIEW | SPEAK), deny: '0' };
    ow = setPermState(ow, VIEW, 'deny');
    expect(ow).toEqual({ allow: String(SPEAK), deny: String(VIEW) });
    ow = setPermState(ow, VIEW, 'inherit');
    expect(ow).toEqual({ allow: String(SPEAK), deny: '0' });
    ow = setPermState(ow, SEND, 'allow');
    expect(BigInt(ow.allow)).toBe(SPEAK | SEND);
  });

  it('keeps bits above 2^53 exact (bigint, not number)', () => {
    const high = 1n << 50n;
    const ow = setPermState({ allow: String(high | 1n), deny: '0' }, 1n, 'deny');
    expect(ow).toEqual({ allow: String(high), deny: '1' });
  });

  it('survives bad input as an empty overwrite', () => {
    expect(permState({ allow: 'x', deny: '' }, VIEW)).toBe('inherit');
    expect(isEmptyOverwrite({ allow: '0', deny: '' })).toBe(true);
    expect(isEmptyOverwrite({ allow: '0', deny: '8' })).toBe(false);
  });

  it('compares overwrites by value and counts their states', () => {
    expect(sameOverwrite({ allow: '08', deny: '0' }, { allow: '8', deny: '' })).toBe(true);
    expect(sameOverwrite({ allow: '8', deny: '0' }, { allow: '0', deny: '8' })).toBe(false);
    expect(countStates({ allow: String(VIEW | SEND | SPEAK), deny: String(SEND) })).toEqual({ allowed: 2, denied: 1 });
  });
});

describe('permissionsFor', () => {
  it('offers no voice permissions on a text channel and no thread ones on voice', () => {
    expect(permissionsFor(0).some((p) => p.group === 'Voice')).toBe(false);
    expect(permissionsFor(2).some((p) => p.label.includes('Thread'))).toBe(false);
    expect(permissionsFor(2).some((p) => p.label === 'Request to Speak')).toBe(false);
    expect(permissionsFor(13).some((p) => p.label === 'Request to Speak')).toBe(true);
    expect(permissionsFor(4)).toHaveLength(CHANNEL_PERMISSIONS.length);
  });

  it('lists each flag once', () => {
    expect(new Set(CHANNEL_PERMISSIONS.map((p) => p.flag)).size).toBe(CHANNEL_PERMISSIONS.length);
  });
});
