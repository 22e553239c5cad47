import { describe, expect, it } from 'vitest';
import type { Member } from '../api/shapes';
import { countByFilter } from './countByFilter';

const m = (id: string, extra: Partial<Member> = {}): Member =>
  ({ id, username: id, globalName: null, nick: null, avatar: null, bot: false, roles: [], joinedAt: '2024-01-01T00:00:00Z', timeoutUntil: null, ...extra });

describe('countByFilter', () => {
  it('counts humans, bots, admins (owner or Administrator role) and timeouts', () => {
    const roles = [{ id: 'admin', permissions: String(1n << 3n) }, { id: 'mod', permissions: String((1n << 1n) | (1n << 2n)) }];
    const members = [m('owner'), m('a', { roles: ['admin'] }), m('b', { roles: ['mod'], timeoutUntil: '2030-01-01T00:00:00Z' }), m('bot', { bot: true, roles: ['admin'] }), m('c')];
    expect(countByFilter(members, roles, 'owner')).toEqual({ all: 5, humans: 4, bots: 1, admins: 3, timeout: 1 });
  });

  it('counts nothing for an empty list', () => {
    expect(countByFilter([], [], undefined)).toEqual({ all: 0, humans: 0, bots: 0, admins: 0, timeout: 0 });
  });
});
