import { describe, expect, it } from 'vitest';
import type { Member, Role } from '../api/shapes';
import { actionBlock, roleBlock, type Capabilities } from './memberCapabilities';

const role = (id: string, position: number, permissions = '0', managed = false): Role => ({ id, name: `r${id}`, color: 0, hoist: false, mentionable: false, managed, permissions, position });
const roles = [role('g', 0), role('low', 1), role('mid', 3), role('admin', 5, String(1n << 3n)), role('bot', 4, '0', true), role('top', 6)];
const member = (id: string, r: string[]): Member => ({ id, username: id, globalName: null, nick: null, avatar: null, bot: false, roles: r, joinedAt: '2024-01-01', timeoutUntil: null });
const ALL = String((1n << 41n) - 1n);
const caps = (actorTop: number | null, actorPerms = ALL): Capabilities => ({
  ownerId: 'owner',
  actor: { userId: 'me', permissions: actorPerms, topPosition: actorTop, roles: [] },
  bot: { userId: 'bot', permissions: String((1n << 1n) | (1n << 2n) | (1n << 28n) | (1n << 40n) | (1n << 27n)), topPosition: 4, roles: ['bot'] },
});

describe('what the member page offers', () => {
  it('disables Kick/Ban for the owner, the bot itself and members above the admin or the bot, with the reason', () => {
    expect(actionBlock('kick', member('owner', []), caps(null), roles)).toMatch(/owner/);
    expect(actionBlock('ban', member('bot', ['bot']), caps(null), roles)).toMatch(/bot itself/);
    expect(actionBlock('kick', member('x', ['mid']), caps(3), roles)).toMatch(/above yours/);
    expect(actionBlock('ban', member('x', ['top']), caps(null), roles)).toMatch(/above the bot/);
    expect(actionBlock('kick', member('x', ['low']), caps(3, String(1n << 5n)), roles)).toMatch(/Kick Members/);
    expect(actionBlock('kick', member('x', ['low']), caps(3), roles)).toBeNull();
  });

  it('does not offer a timeout of an Administrator', () => {
    expect(actionBlock('timeout', member('x', ['admin']), { ...caps(null), bot: { ...caps(null).bot, topPosition: 9 } }, roles)).toMatch(/Administrator/);
  });

  it('offers only roles below both the admin and the bot, never managed ones', () => {
    expect(roleBlock(roles[1]!, caps(null), 'g')).toBeNull();
    expect(roleBlock(roles[2]!, caps(2), 'g')).toMatch(/your highest/);
    expect(roleBlock(roles[5]!, caps(null), 'g')).toMatch(/bot’s highest/);
    expect(roleBlock(roles[4]!, caps(null), 'g')).toMatch(/Managed/);
  });
});
