import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Snowflake } from '@edge/shared/snowflake';
import { blankValue, fieldsFromSchema, getAt, isShown, setAt, type JsonSchema } from './fieldsFromSchema';
import { validateConfig } from './validateConfig';

const id = Snowflake;
const m = (title: string, extra: Record<string, unknown> = {}) => ({ title, description: `${title} help`, ...extra });
const schema = z.object({
  channelId: id.meta({ widget: 'channel' }).nullable().default(null).meta(m('Welcome channel')),
  mode: z.enum(['text', 'embed']).default('text').meta(m('Style', { options: { text: 'Plain text' } })),
  message: z.string().min(1).max(20).default('hi').meta(m('Message', { widget: 'message', showIf: { mode: 'text' } })),
  embed: z.object({ color: z.string().regex(/^#[0-9a-f]{6}$/i).default('#5865f2').meta(m('Colour', { widget: 'color' })) }).prefault({}).meta(m('Embed')),
  roleIds: z.array(id).max(5).default([]).meta(m('Roles', { widget: 'roles' })),
  cooldown: z.number().int().min(60).max(86_400).default(300).meta(m('Cooldown', { widget: 'duration' })),
  rules: z
    .array(z.object({ word: z.string().min(1).max(5).meta(m('Word')), ban: z.boolean().default(false).meta(m('Ban')) }))
    .max(3)
    .default([])
    .meta(m('Rules')),
  tags: z.array(z.string()).default([]).meta(m('Tags')),
});
const json = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;

describe('fieldsFromSchema', () => {
  const fields = fieldsFromSchema(json);

  it('derives one field per property, labelled from its title, with the input its schema asks for', () => {
    expect(fields.map((f) => [f.key, f.kind, f.label])).toEqual([
      ['channelId', 'channel', 'Welcome channel'],
      ['mode', 'select', 'Style'],
      ['message', 'textarea', 'Message'],
      ['embed', 'group', 'Embed'],
      ['roleIds', 'roles', 'Roles'],
      ['cooldown', 'duration', 'Cooldown'],
      ['rules', 'objects', 'Rules'],
      ['tags', 'tags', 'Tags'],
    ]);
    expect(fields[0]).toMatchObject({ nullable: true, description: 'Welcome channel help' });
    expect(fields[1]!.options).toEqual([{ value: 'text', label: 'Plain text' }, { value: 'embed', label: 'embed' }]);
    expect(fields[3]!.children?.map((c) => [c.path.join('.'), c.kind])).toEqual([['embed.color', 'color']]);
    expect(fields[5]).toMatchObject({ min: 60, max: 86_400 });
  });

  it('describes list items as their own fields, with a blank item from the defaults', () => {
    const rules = fields[6]!;
    expect(rules.max).toBe(3);
    expect(rules.item!.fields.map((f) => [f.path.join('.'), f.kind])).toEqual([['word', 'text'], ['ban', 'boolean']]);
    expect(rules.item!.blank()).toEqual({ word: '', ban: false });
    expect(blankValue(json)).toEqual(schema.parse({}));
  });

  it('shows conditional fields only when their siblings match', () => {
    const message = fields[2]!;
    expect(isShown(message, { mode: 'text' })).toBe(true);
    expect(isShown(message, { mode: 'embed' })).toBe(false);
    expect(isShown(fields[0]!, {})).toBe(true);
  });

  it('validates as the admin types, with sentences keyed by field path (list items included)', () => {
    const value = { ...schema.parse({}), message: '', cooldown: 5, rules: [{ word: 'toolong', ban: false }], embed: { color: 'red' } };
    expect(validateConfig(json, value)).toEqual({
      message: 'Required',
      cooldown: 'At least 60',
      'rules.0.word': 'At most 5 characters (now 7)',
      'embed.color': 'Not a valid value',
    });
    expect(validateConfig(json, schema.parse({}))).toEqual({});
  });

  it('reads and writes nested values immutably, through arrays too', () => {
    const a = { embed: { title: 'a' }, rules: [{ word: 'x' }, { word: 'y' }] };
    const b = setAt(a, ['embed', 'title'], 'b');
    expect(getAt(b, ['embed', 'title'])).toBe('b');
    expect(a.embed.title).toBe('a');
    const c = setAt(a, ['rules', '1', 'word'], 'z');
    expect(c.rules).toEqual([{ word: 'x' }, { word: 'z' }]);
    expect(Array.isArray(c.rules)).toBe(true);
    expect(a.rules[1]!.word).toBe('y');
  });
});

describe('plan gating from the schema', () => {
  it('carries the plan limit a field or some of its options need', async () => {
    const { welcomeConfigSchema } = await import('@edge/workers/modules/welcome');
    const fields = fieldsFromSchema(z.toJSONSchema(welcomeConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    expect(fields.find((f) => f.key === 'messageType')).toMatchObject({ premiumLimit: 'embeds', premiumOptions: ['embed'] });
    expect(fields.find((f) => f.key === 'embed')).toMatchObject({ premiumLimit: 'embeds' });
    expect(fields.find((f) => f.key === 'message')?.premiumLimit).toBeUndefined();
  });
});
