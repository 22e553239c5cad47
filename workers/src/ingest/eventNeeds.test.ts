import { describe, expect, it } from 'vitest';
import { registry } from '../platform/registry';
import { eventNeedsForGuild, fieldsFor } from './eventNeeds';

describe('fieldsFor (what the shard forwards of each payload)', () => {
  it('projects the bulk events to what Stats and the platform read: no message content', () => {
    const fields = fieldsFor(registry);
    expect(fields.MESSAGE_CREATE).toEqual(expect.arrayContaining(['channel_id', 'author.id', 'author.bot', 'author.username', 'webhook_id', 'guild_id']));
    expect(fields.MESSAGE_CREATE).not.toContain('content');
    expect(fields.VOICE_STATE_UPDATE).toEqual(expect.arrayContaining(['channel_id', 'user_id', 'member.user.bot']));
  });

  it('forwards whole any event a consumer did not declare fields for (joins: Welcome renders the user)', () => {
    const fields = fieldsFor(registry);
    expect(fields.GUILD_MEMBER_ADD).toBeUndefined();
    const undeclared = { all: () => [...registry.all(), { ...registry.require('stats'), id: 'other', fields: undefined }] };
    expect(fieldsFor(undeclared as never).MESSAGE_CREATE).toBeUndefined();
  });
});

describe('eventNeedsForGuild (what the shard forwards in one guild)', () => {
  it('grants message content only to guilds with Logging on', () => {
    expect(fieldsFor(registry).MESSAGE_CREATE).not.toContain('content');
    const logged = eventNeedsForGuild(registry, ['stats', 'logging']);
    expect(logged).toEqual(expect.arrayContaining(['MESSAGE_CREATE', 'MESSAGE_DELETE', 'MESSAGE_CREATE.content']));
    const statsOnly = eventNeedsForGuild(registry, ['stats']);
    expect(statsOnly).toContain('MESSAGE_CREATE');
    expect(statsOnly.filter((n) => n.includes('.'))).toEqual([]);
  });
});
