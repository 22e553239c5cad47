import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/shapes';
import { actorsOf, byActor, exportAudit, SYSTEM_ACTOR } from './auditExport';

const e = (id: number, actorId: string | null, action = 'member.ban', details: AuditEntry['details'] = null): AuditEntry =>
  ({ id, actorId, action, targetType: 'user', targetId: '9', details, requestId: null, createdAt: `2024-01-0${id}T00:00:00.000Z` });
const entries = [e(1, '100'), e(2, null, 'module.enable'), e(3, '100', 'member.kick', { reason: 'spam, again' }), e(4, '200')];

describe('audit filters', () => {
  it('filters by actor, system meaning no user', () => {
    expect(byActor(entries, '100').map((x) => x.id)).toEqual([1, 3]);
    expect(byActor(entries, SYSTEM_ACTOR).map((x) => x.id)).toEqual([2]);
    expect(byActor(entries, '')).toHaveLength(4);
  });

  it('lists actors, most active first', () => {
    expect(actorsOf(entries)).toEqual([{ id: '100', count: 2 }, { id: '200', count: 1 }, { id: SYSTEM_ACTOR, count: 1 }]);
  });
});

describe('exportAudit', () => {
  it('writes CSV with details as quoted JSON and actor names', () => {
    const csv = exportAudit([entries[2]!], 'csv', (id) => (id === '100' ? 'Alice' : undefined));
    const [head, row] = csv.split('\r\n');
    expect(head).toBe('id,createdAt,actorId,actorName,action,targetType,targetId,details');
    expect(row).toBe('3,2024-01-03T00:00:00.000Z,100,Alice,member.kick,user,9,"{""reason"":""spam, again""}"');
  });

  it('writes JSON that parses back to the same entries', () => {
    const back = JSON.parse(exportAudit(entries, 'json'));
    expect(back).toHaveLength(4);
    expect(back[2]).toMatchObject({ id: 3, actorId: '100', actorName: null, details: { reason: 'spam, again' } });
    expect(back[1].actorId).toBeNull();
  });
});
