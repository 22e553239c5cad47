import { z } from 'zod';

/** A JSON Schema node as `z.toJSONSchema` emits it (the parts the platform reads). */
export interface JsonSchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  [key: string]: unknown;
}

const cache = new WeakMap<z.ZodType, JsonSchemaNode>();

/**
 * A config schema as JSON Schema (draft 2020-12, input side: fields with defaults are optional),
 * with the form hints set by `platform/configFields`. Served to the dashboard, which builds the
 * module's settings form from it.
 */
export function moduleJsonSchema(schema: z.ZodType): JsonSchemaNode {
  let out = cache.get(schema);
  if (!out) cache.set(schema, (out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode));
  return out;
}

/**
 * Paths of the fields that lack a `title` or a `description` (every field must say what it is:
 * the dashboard labels and explains it from the schema alone). Array items and nullable
 * variants are not fields of their own.
 */
export function fieldsMissingMeta(node: JsonSchemaNode, path: string[] = []): string[] {
  const out: string[] = [];
  const object = node.properties ? node : node.anyOf?.find((n) => n.properties);
  for (const [key, child] of Object.entries(object?.properties ?? {})) {
    const at = [...path, key];
    if (!child.title || !child.description) out.push(at.join('.'));
    out.push(...fieldsMissingMeta(child, at));
    const items = child.items ?? child.anyOf?.find((n) => n.items)?.items;
    if (items?.properties) out.push(...fieldsMissingMeta(items, [...at, '[]']));
  }
  return out;
}
