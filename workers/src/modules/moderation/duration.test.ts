import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('durations typed by moderators', () => {
  it('reads units, combinations and bare minutes; refuses the rest', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration(' 2 w ')).toBe(1_209_600);
    expect(parseDuration('15')).toBe(900);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('1h then 2m')).toBeNull();
  });
  it('says a duration with its two largest units', () => {
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(90_061)).toBe('1 day 1 hour');
    expect(formatDuration(120)).toBe('2 minutes');
  });
});
