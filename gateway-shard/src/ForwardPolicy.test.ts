import { describe, expect, it } from 'vitest';
import { ForwardPolicy } from './ForwardPolicy';
import { guildIdOf, stableEventId } from './eventId';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';

describe('ForwardPolicy', () => {
  it('forwards everything before any config, then only needs plus lifecycle', () => {
    const p = new ForwardPolicy();
    expect(p.wants('MESSAGE_CREATE', '1')).toBe(true);
    p.setConfig({ guilds: { '1': ['MESSAGE_CREATE'] }, defaults: ['INTERACTION_CREATE'] });
    expect(p.wants('MESSAGE_CREATE', '1')).toBe(true);
    expect(p.wants('MESSAGE_REACTION_ADD', '1')).toBe(false);
    expect(p.wants('MESSAGE_CREATE', '2')).toBe(false);
    expect(p.wants('INTERACTION_CREATE', '2')).toBe(true);
    expect(p.wants('GUILD_MEMBER_REMOVE', '2')).toBe(true);
    p.setGuild('2', ['MESSAGE_REACTION_ADD']);
    expect(p.wants('MESSAGE_REACTION_ADD', '2')).toBe(true);
    expect(p.config?.guilds['2']).toEqual(['MESSAGE_REACTION_ADD']);
  });

  it('strips the bulk arrays of GUILD_CREATE, keeping voice states only when voice is needed', () => {
    const p = new ForwardPolicy({ guilds: { '1': ['VOICE_STATE_UPDATE'], '2': [] } });
    const d = { id: '1', name: 'g', member_count: 3, members: [{}], presences: [{}], voice_states: [{}] };
    expect(p.shape('GUILD_CREATE', '1', d)).toEqual({ id: '1', name: 'g', member_count: 3, voice_states: [{}] });
    expect(p.shape('GUILD_CREATE', '2', d)).toEqual({ id: '1', name: 'g', member_count: 3 });
    expect(p.shape('MESSAGE_CREATE', '2', d)).toBe(d);
  });

  it('adds a guild’s granted fields (message content) to the projection of that guild only', () => {
    const fields = { MESSAGE_CREATE: ['id', 'author.id'] };
    const p = new ForwardPolicy({ guilds: { logged: ['MESSAGE_CREATE', 'MESSAGE_CREATE.content'], stats: ['MESSAGE_CREATE'] }, fields });
    const d = { id: '9', content: 'hello', author: { id: '3', username: 'ann' }, embeds: [] };
    expect(p.shape('MESSAGE_CREATE', 'logged', d)).toEqual({ id: '9', author: { id: '3' }, content: 'hello' });
    expect(p.shape('MESSAGE_CREATE', 'stats', d)).toEqual({ id: '9', author: { id: '3' } });
    // Logging turned off in that guild: the push drops the grant.
    p.setGuild('logged', ['MESSAGE_CREATE']);
    expect(p.shape('MESSAGE_CREATE', 'logged', d)).toEqual({ id: '9', author: { id: '3' } });
    p.setGuild('stats', ['MESSAGE_CREATE', 'MESSAGE_CREATE.content']);
    expect(p.shape('MESSAGE_CREATE', 'stats', d)).toMatchObject({ content: 'hello' });
    expect(p.wants('MESSAGE_CREATE', 'stats')).toBe(true);
  });
});

describe('stableEventId', () => {
  const dispatch = (t: string, d: unknown, s = 7) => ({ op: 0, t, d, s }) as unknown as GatewayDispatchPayload;
  it('uses Discord ids where the event names a unique fact, else session and sequence', () => {
    expect(stableEventId(dispatch('MESSAGE_CREATE', { id: '42', guild_id: '1' }), 's')).toBe('MESSAGE_CREATE:42');
    expect(stableEventId(dispatch('GUILD_MEMBER_ADD', { guild_id: '1', user: { id: '9' }, joined_at: 'T' }), 's')).toBe('GUILD_MEMBER_ADD:1:9:T');
    expect(stableEventId(dispatch('MESSAGE_UPDATE', { id: '42', edited_timestamp: 'E' }), 's')).toBe('MESSAGE_UPDATE:42:E');
    expect(stableEventId(dispatch('MESSAGE_REACTION_ADD', { message_id: '42' }), 'sess')).toBe('MESSAGE_REACTION_ADD:sess:7');
    expect(guildIdOf(dispatch('GUILD_CREATE', { id: '5' }))).toBe('5');
    expect(guildIdOf(dispatch('MESSAGE_CREATE', { id: '5', guild_id: '6' }))).toBe('6');
    expect(guildIdOf(dispatch('MESSAGE_CREATE', { id: '5' }))).toBeNull();
  });
});
