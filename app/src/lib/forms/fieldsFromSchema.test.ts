import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldsFromSchema, getAt, issuesByPath, setAt, type JsonSchema } from './fieldsFromSchema';

const schema = z.object({
  channelId: z.string().nullable().meta({ widget: 'channel' }),
  message: z.string().max(2000).meta({ widget: 'message', title: 'Welcome message' }),
  dm: z.boolean().default(false),
  mode: z.enum(['text', 'embed']),
  embed: z.object({ title: z.string().max(256), color: z.number().int().min(0).max(0xffffff).meta({ widget: 'color' }) }),
  roleIds: z.array(z.string()).max(5).meta({ widget: 'roles' }),
});

describe('fieldsFromSchema', () => {
  const fields = fieldsFromSchema(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema);

  it('derives one field per property with the widget the schema asks for', () => {
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['channelId', 'channel'],
      ['message', 'textarea'],
      ['dm', 'boolean'],
      ['mode', 'select'],
      ['embed', 'group'],
      ['roleIds', 'roles'],
    ]);
    expect(fields[0]!.nullable).toBe(true);
    expect(fields[1]!.label).toBe('Welcome message');
    expect(fields[0]!.label).toBe('Channel');
    expect(fields[5]!.label).toBe('Roles');
    expect(fields[3]!.options?.map((o) => o.value)).toEqual(['text', 'embed']);
    expect(fields[4]!.children?.map((c) => c.path.join('.'))).toEqual(['embed.title', 'embed.color']);
  });

  it('maps zod issues to field paths for inline errors', () => {
    const r = schema.safeParse({ channelId: null, message: 'x'.repeat(2001), dm: false, mode: 'text', embed: { title: 't', color: -1 }, roleIds: [] });
    expect(r.success).toBe(false);
    const byPath = issuesByPath(r.error!.issues);
    expect(Object.keys(byPath).sort()).toEqual(['embed.color', 'message']);
  });

  it('reads and writes nested values immutably', () => {
    const a = { embed: { title: 'a' } };
    const b = setAt(a, ['embed', 'title'], 'b');
    expect(getAt(b, ['embed', 'title'])).toBe('b');
    expect(a.embed.title).toBe('a');
  });
});

describe('plan gating from the schema', () => {
  it('carries the plan limit a field or some of its options need', async () => {
    const { welcomeConfigSchema } = await import('../../../../workers/src/modules/welcome/config');
    const fields = fieldsFromSchema(z.toJSONSchema(welcomeConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    expect(fields.find((f) => f.key === 'messageType')).toMatchObject({ premiumLimit: 'embeds', premiumOptions: ['embed'] });
    expect(fields.find((f) => f.key === 'embed')).toMatchObject({ premiumLimit: 'embeds' });
    expect(fields.find((f) => f.key === 'message')?.premiumLimit).toBeUndefined();
  });
});
