import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import { displayName, explainError, isTimedOut, performMemberAction, snowflakeDate, type ActionInput } from './memberActions';

const member = { id: '175928847299117063', username: 'u', globalName: 'G', nick: null, avatar: null, bot: false, roles: [], joinedAt: '2024-01-01T00:00:00Z', timeoutUntil: null };

describe('member helpers', () => {
  it('reads the creation time out of a snowflake', () => {
    // Discord's documented example id: 2016-04-30T11:18:25.796Z.
    expect(snowflakeDate('175928847299117063').toISOString()).toBe('2016-04-30T11:18:25.796Z');
  });

  it('picks the name Discord shows and knows when a timeout runs', () => {
    expect(displayName(member)).toBe('G');
    expect(displayName({ ...member, nick: 'N' })).toBe('N');
    expect(isTimedOut({ timeoutUntil: '2030-01-01T00:00:00Z' }, Date.parse('2029-01-01'))).toBe(true);
    expect(isTimedOut({ timeoutUntil: '2020-01-01T00:00:00Z' })).toBe(false);
  });

  it('explains hierarchy and permission refusals', () => {
    expect(explainError(new ApiError(403, 'Role Admin is at or above yours', 'HierarchyViolation'), 'Adding Admin')).toMatch(/below your own highest role/);
    expect(explainError(new ApiError(403, 'Missing Permissions', 'DiscordForbidden'), 'Adding Admin')).toMatch(/bot's highest role/);
    expect(explainError(new ApiError(429, 'slow', 'RateLimited', undefined, undefined, 2.2), 'Kick')).toMatch(/in 3 s/);
    expect(explainError(new Error('boom'), 'Kick')).toBe('Kick failed: boom');
    expect(explainError(new ApiError(403, 'Missing Access', 'DiscordForbidden', undefined, { discordCode: 50001 }), 'Editing #staff')).toMatch(/Missing Access — the bot cannot see that channel/);
    expect(explainError(new ApiError(403, 'Missing Access', 'DiscordForbidden', undefined, { discordCode: 50001 }), 'Editing #staff')).not.toMatch(/highest role/);
    expect(explainError(new ApiError(403, 'x', 'MissingPermissions', undefined, { missing: ['Kick Members'] }), 'Kick')).toMatch(/requires Kick Members/);
  });
});

describe('performMemberAction', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends each action to its route with the reason and options', async () => {
    const calls: { url: string; method: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, method: String(init.method), body: init.body ? JSON.parse(String(init.body)) : undefined });
      return url.endsWith('/kick') || url.endsWith('/ban') ? new Response(null, { status: 204 }) : Response.json({ ...member, nick: 'x' });
    });
    const input: ActionInput = { reason: '  spam ', duration: 600, deleteSeconds: 3600, nick: ' ' };
    expect(await performMemberAction('1', member, 'ban', input)).toBeNull();
    expect((await performMemberAction('1', member, 'nick', input))?.nick).toBe('x');
    await performMemberAction('1', member, 'untimeout', input);
    expect(calls).toEqual([
      { url: `/api/guilds/1/members/${member.id}/ban`, method: 'POST', body: { reason: 'spam', deleteMessageSeconds: 3600 } },
      { url: `/api/guilds/1/members/${member.id}/nickname`, method: 'PATCH', body: { nick: null } },
      { url: `/api/guilds/1/members/${member.id}/timeout`, method: 'POST', body: { duration: null, reason: 'spam' } },
    ]);
  });
});
