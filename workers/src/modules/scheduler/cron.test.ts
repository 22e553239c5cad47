import { describe, expect, it } from 'vitest';
import { CronError, fromZoned, nextOccurrence, parseCron } from './cron';
import { parseDuration } from './duration';
import { upcoming } from './occurrences';
import { schedulerConfigSchema } from './config';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('cron-like schedules in a time zone', () => {
  it('every weekday at 09:00 in Paris skips the weekend and follows daylight saving', () => {
    const weekdays = parseCron('0 9 * * 1-5');
    // Friday 2026-03-27 10:00 Paris (UTC+1) → Monday 30th 09:00, now summer time (UTC+2).
    expect(iso(nextOccurrence(weekdays, Date.parse('2026-03-27T09:00:00Z'), 'Europe/Paris'))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextOccurrence(weekdays, Date.parse('2026-03-26T07:59:00Z'), 'Europe/Paris'))).toBe('2026-03-26T08:00:00.000Z');
  });

  it('reads lists, ranges and steps; day of month or day of week when both are given', () => {
    const c = parseCron('*/15 8-9 1 * 0');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([8, 9]);
    // 2026-11-01 is a Sunday and the 1st; the next match after it is Sunday 8th (day of week).
    expect(iso(nextOccurrence(c, Date.parse('2026-11-01T09:45:00Z'), 'UTC'))).toBe('2026-11-08T08:00:00.000Z');
  });

  it('refuses what is not a schedule with a reason', () => {
    expect(() => parseCron('0 9 * *')).toThrow(CronError);
    expect(() => parseCron('61 9 * * *')).toThrow(/outside 0–59/);
    expect(() => parseCron('0 9 * * mon')).toThrow(/not a number/);
  });

  it('names instants from wall-clock times in New York', () => {
    expect(iso(fromZoned(2026, 7, 4, 12, 0, 'America/New_York'))).toBe('2026-07-04T16:00:00.000Z');
    expect(iso(fromZoned(2026, 12, 4, 12, 0, 'America/New_York'))).toBe('2026-12-04T17:00:00.000Z');
  });

  it('lists a calendar of once and recurring posts, soonest first', () => {
    const config = schedulerConfigSchema.parse({
      timezone: 'UTC',
      posts: [
        { id: 'daily', channelId: '1'.repeat(18), cron: '0 12 * * *', content: 'noon' },
        { id: 'launch', channelId: '1'.repeat(18), repeat: 'once', at: '2026-01-02T08:30', content: 'launch' },
      ],
    });
    const list = upcoming(config, Date.parse('2026-01-01T13:00:00Z'), 3);
    expect(list.map((o) => `${o.postId}@${iso(o.at)}`)).toEqual(['launch@2026-01-02T08:30:00.000Z', 'daily@2026-01-02T12:00:00.000Z', 'daily@2026-01-03T12:00:00.000Z', 'daily@2026-01-04T12:00:00.000Z']);
  });

  it('config refuses a bad schedule and a post without text', () => {
    const bad = schedulerConfigSchema.safeParse({ posts: [{ id: 'x', channelId: '1'.repeat(18), cron: 'every day', content: '' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['posts.0.cron', 'posts.0.content']));
    expect(schedulerConfigSchema.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('durations', () => {
  it('reads what members type', () => {
    expect(parseDuration('in 2h')).toBe(7200);
    expect(parseDuration('1d 30m')).toBe(86_400 + 1800);
    expect(parseDuration('45 minutes')).toBe(2700);
    expect(parseDuration('tomorrow')).toBeNull();
    expect(parseDuration('0m')).toBeNull();
  });
});
