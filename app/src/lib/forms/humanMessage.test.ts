import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanMessage } from './humanMessage';

const first = (schema: z.ZodType, v: unknown) => humanMessage(schema.safeParse(v).error!.issues[0]!.message);

describe('human validation messages from zod issues', () => {
  it('rewrites zod defaults', () => {
    expect(first(z.string().min(1), '')).toBe('Required');
    expect(first(z.string().min(3), 'a')).toBe('At least 3 characters');
    expect(first(z.string().max(2000), 'x'.repeat(2001))).toBe('At most 2,000 characters');
    expect(first(z.number().min(1), 0)).toBe('At least 1');
    expect(first(z.number().max(365), 400)).toBe('At most 365');
    expect(first(z.object({ a: z.string() }), {})).toBe('Required');
    expect(first(z.number(), 'x')).toBe('Must be a number');
    expect(first(z.enum(['a', 'b']), 'c')).toBe('Pick one of a, b');
  });

  it('keeps messages a schema wrote itself', () => {
    expect(first(z.string().min(1, 'Pick a channel'), '')).toBe('Pick a channel');
  });
});
