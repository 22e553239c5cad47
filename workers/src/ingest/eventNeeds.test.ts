import { describe, expect, it } from 'vitest';
import { registry } from '../platform/registry';
import { fieldsFor } from './eventNeeds';

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
