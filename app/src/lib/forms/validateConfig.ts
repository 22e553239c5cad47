import { Validator, type OutputUnit } from '@cfworker/json-schema';
import type { JsonSchema } from './fieldsFromSchema';

const numbers = (s: string) => (s.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** A sentence an admin reads, from one validator error (its raw text names JSON Schema keywords). */
function message(e: OutputUnit): string | undefined {
  const [a, b] = numbers(e.error);
  switch (e.keyword) {
    case 'minLength': return a === 0 ? 'Required' : `At least ${b} characters`;
    case 'maxLength': return `At most ${b} characters (now ${a})`;
    case 'minimum': return `At least ${b}`;
    case 'maximum': return `At most ${b}`;
    case 'minItems': return `Pick at least ${b}`;
    case 'maxItems': return `At most ${b} (now ${a})`;
    case 'pattern': return 'Not a valid value';
    case 'enum': return 'Pick one of the choices';
    case 'required': return 'Required';
    default: return undefined;
  }
}

/**
 * Checks a config against the module's JSON Schema as the admin types (the API validates again
 * with the zod schema on save, and its `details.issues` land on the same fields).
 * Returns `a.b.0.c` → message.
 */
export function validateConfig(schema: JsonSchema, value: unknown): Record<string, string> {
  const result = new Validator(schema as never, '2020-12', false).validate(value);
  const out: Record<string, string> = {};
  for (const e of result.errors) {
    const text = message(e);
    if (!text) continue;
    const path = e.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent).join('.');
    out[path] ??= text;
  }
  return out;
}
