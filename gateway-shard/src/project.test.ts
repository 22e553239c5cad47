import { describe, expect, it } from 'vitest';
import { project } from './project';

describe('project', () => {
  it('keeps only the declared paths, nested ones as nested objects', () => {
    const msg = { id: '1', channel_id: '2', content: 'secret words', author: { id: '3', username: 'ann', avatar: 'x', bot: false }, member: { user: { bot: true }, roles: ['9'] }, embeds: [{}] };
    expect(project(msg, ['id', 'channel_id', 'author.id', 'author.bot', 'member.user.bot', 'webhook_id'])).toEqual({
      id: '1', channel_id: '2', author: { id: '3', bot: false }, member: { user: { bot: true } },
    });
  });

  it('keeps a value whole when the path stops on a non-object, and leaves non-objects alone', () => {
    expect(project({ author: null, n: 1 }, ['author.id', 'n'])).toEqual({ author: null, n: 1 });
    expect(project('x', ['a'])).toBe('x');
  });
});
