import { describe, expect, it } from 'vitest';
import { byDay, filterRows, isFiltering, NO_FILTER, type AuditRow } from './auditRows';

const row = (over: Partial<AuditRow>): AuditRow => ({ key: Math.random().toString(), at: '2026-11-29T10:00:00Z', actorId: '1', actorName: 'Demo Owner', action: 'member.ban', targetName: 'Sam', targetId: '2', details: 'reason: spam', ...over });

describe('audit log filters', () => {
  const rows = [
    row({ action: 'member.ban', actorName: 'Demo Owner', targetName: 'Sam' }),
    row({ action: 'channel.overwrite_set', actorName: 'Alex', targetName: '#general', at: '2026-11-20T10:00:00Z' }),
    row({ action: 'member.role_add', actorName: 'Demo Owner', targetName: 'Robin', details: 'role: @Events' }),
  ];

  it('matches substrings of action, actor and target, ignoring case', () => {
    expect(filterRows(rows, { ...NO_FILTER, action: 'MEMBER' })).toHaveLength(2);
    expect(filterRows(rows, { ...NO_FILTER, actor: 'owner' })).toHaveLength(2);
    expect(filterRows(rows, { ...NO_FILTER, target: 'gene' })).toHaveLength(1);
    expect(filterRows(rows, { ...NO_FILTER, target: 'events' })).toHaveLength(1);
    expect(filterRows(rows, { ...NO_FILTER, action: 'member', actor: 'alex' })).toHaveLength(0);
  });

  it('keeps a date range, both ends included', () => {
    expect(filterRows(rows, { ...NO_FILTER, from: '2026-11-21' })).toHaveLength(2);
    expect(filterRows(rows, { ...NO_FILTER, to: '2026-11-20' })).toHaveLength(1);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, to: '2026-11-20' })).toBe(true);
  });

  it('groups by day for the timeline', () => {
    const days = byDay(rows, new Date('2026-11-29T15:00:00Z'));
    expect(days[0]).toMatchObject({ label: 'Today' });
    expect(days).toHaveLength(2);
  });
});
