import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parseTemplate';
import { renderTemplate } from './renderTemplate';

const vars = { user: '<@1>', 'user.name': 'Ada', 'option.reason': 'spam', 'server.name': 'Lab' };

describe('templates', () => {
  it('fills variables, options and functions', () => {
    expect(renderTemplate('Hi {user.name} of {server.name}: {upper:{option.reason}}', vars, { options: ['reason'] }).text).toBe('Hi Ada of Lab: SPAM');
    expect(renderTemplate('{if:option.reason|because {option.reason}|no reason}', vars, { options: ['reason'] }).text).toBe('because spam');
    expect(renderTemplate('{if:option.reason|yes|no}', {}, { options: ['reason'] }).text).toBe('no');
    expect(renderTemplate('{random:a|b|c}', vars, {}, () => 0.5).text).toBe('b');
    expect(renderTemplate('{repeat:3|ha}!', vars).text).toBe('hahaha!');
    expect(renderTemplate('{{literal}} braces', vars).text).toBe('{literal} braces');
  });

  it('reports problems with their position, and renders nothing then', () => {
    const r = renderTemplate('Hi {usr} {option.nope} {repeat:99|x} {eval:1} {user', vars, { options: ['reason'] });
    expect(r.text).toBe('');
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown variable “usr”'), expect.stringContaining('no option “nope”'), expect.stringContaining('repeat’s count'),
      expect.stringContaining('unknown function “eval”'), expect.stringContaining('not closed'),
    ]);
    expect(r.problems[0]!.at).toBe(3);
    expect(parseTemplate('{message}').problems).toHaveLength(1);
    expect(parseTemplate('{message}', { message: true }).problems).toHaveLength(0);
  });

  it('bounds output and loops: nested repeats stop at 2,000 characters', () => {
    const r = renderTemplate('{repeat:20|{repeat:20|{repeat:20|{repeat:20|abcdefghij}}}}', vars);
    expect(r.text).toHaveLength(2000);
    expect(r.truncated).toBe(true);
    const deep = `${'{upper:'.repeat(9)}x${'}'.repeat(9)}`;
    expect(parseTemplate(deep).problems[0]!.message).toContain('nest at most 8');
  });
});
