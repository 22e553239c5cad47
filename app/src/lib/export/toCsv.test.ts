import { describe, expect, it } from 'vitest';
import { toCsv } from './toCsv';

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, columns in first-seen order', () => {
    expect(toCsv([{ a: 1, b: 'x' }, { b: 'y', c: true }])).toBe('a,b,c\r\n1,x,\r\n,y,true\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv([{ v: 'a,b' }, { v: 'say "hi"' }, { v: 'two\nlines' }], ['v'])).toBe('v\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
  });

  it('writes objects as JSON and null as empty', () => {
    expect(toCsv([{ d: { level: 'edit' }, n: null }], ['d', 'n'])).toBe('d,n\r\n"{""level"":""edit""}",\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const out = toCsv([{ v: '=HYPERLINK("x")' }, { v: '-1+2' }, { v: '@cmd' }], ['v']);
    expect(out.split('\r\n').slice(1, 4)).toEqual(['"\'=HYPERLINK(""x"")"', "'-1+2", "'@cmd"]);
  });

  it('keeps the given column order and ignores extra keys', () => {
    expect(toCsv([{ a: 1, b: 2, c: 3 }], ['c', 'a'])).toBe('c,a\r\n3,1\r\n');
  });
});
