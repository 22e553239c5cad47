import { humanMessage } from './humanMessage';

/** A JSON Schema node as the API serves a module config (`z.toJSONSchema` + `platform/configFields` hints). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  /** Input to render: channel(s), role(s), member(s), color, duration, message, emoji, hidden. */
  widget?: string;
  /** Shown only when sibling fields hold these values. */
  showIf?: Record<string, unknown>;
  /** Labels of enum values. */
  options?: Record<string, string>;
  premium?: boolean;
  /** Plan limit (of the module's limits) that must be above 0 to use this field: `.meta({ premiumLimit: 'embeds' })`. */
  premiumLimit?: string;
  /** With `premiumLimit` on an enum: only these options need it (the others stay free). */
  premiumOptions?: string[];
}

export type FieldKind =
  | 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'color' | 'duration' | 'emoji'
  | 'channel' | 'channels' | 'role' | 'roles' | 'member' | 'members'
  | 'tags' | 'objects' | 'group';

/** One choice of a picker: what is stored (an id) and what people read (a name). */
export interface PickerOption { value: string; label: string; color?: string }

/** One form control derived from the schema. */
export interface Field {
  path: string[];
  key: string;
  label: string;
  description?: string;
  kind: FieldKind;
  options?: { value: string; label: string }[];
  nullable: boolean;
  min?: number;
  max?: number;
  premium?: boolean;
  showIf?: Record<string, unknown>;
  /** The plan limit this field (or its `premiumOptions`) needs above 0. */
  premiumLimit?: string;
  premiumOptions?: string[];
  /** `group`: the nested fields (absolute paths). */
  children?: Field[];
  /** `objects`: the fields of one item (paths relative to the item) and a new item's value. */
  item?: { fields: Field[]; blank: () => Record<string, unknown> };
}

const PICKERS = new Set(['channel', 'channels', 'role', 'roles', 'member', 'members', 'color', 'duration', 'emoji']);
const HINTS = ['description', 'title', 'widget', 'default', 'premium', 'premiumLimit', 'premiumOptions', 'showIf', 'options'] as const;

function unwrapNullable(node: JsonSchema): { node: JsonSchema; nullable: boolean } {
  if (node.anyOf) {
    const rest = node.anyOf.filter((n) => n.type !== 'null');
    if (rest.length === 1) {
      const outer = Object.fromEntries(HINTS.filter((k) => node[k] !== undefined).map((k) => [k, node[k]]));
      return { node: { ...rest[0], ...outer }, nullable: rest.length < node.anyOf.length };
    }
  }
  if (Array.isArray(node.type) && node.type.includes('null')) return { node: { ...node, type: node.type.find((t) => t !== 'null') }, nullable: true };
  return { node, nullable: false };
}
const typeOf = (n: JsonSchema) => (Array.isArray(n.type) ? n.type[0] : n.type);

/** The value a new item (or a field with no default) starts with. */
export function blankValue(raw: JsonSchema): unknown {
  const { node, nullable } = unwrapNullable(raw);
  if (node.default !== undefined && !(typeOf(node) === 'object' && node.properties)) return structuredClone(node.default);
  if (nullable) return null;
  switch (typeOf(node)) {
    case 'object':
      return Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, blankValue(v)]));
    case 'array': return [];
    case 'boolean': return false;
    case 'number': case 'integer': return node.minimum ?? 0;
    default: return node.enum ? node.enum[0] : '';
  }
}

function kindOf(node: JsonSchema): FieldKind {
  const type = typeOf(node);
  if (node.widget && PICKERS.has(node.widget)) return node.widget as FieldKind;
  if (node.widget === 'message') return 'textarea';
  if (node.enum) return 'select';
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'object') return 'group';
  if (type === 'array') return typeOf(unwrapNullable(node.items ?? {}).node) === 'object' ? 'objects' : 'tags';
  return (node.maxLength ?? 0) > 200 ? 'textarea' : 'text';
}

/**
 * Turns a module's config JSON Schema into form fields: labels and help from each field's
 * `title` and `description`, inputs from its type and `widget` hint. Nothing here names a module.
 */
export function fieldsFromSchema(schema: JsonSchema, path: string[] = []): Field[] {
  const fields: Field[] = [];
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const { node, nullable } = unwrapNullable(raw);
    if (node.widget === 'hidden') continue;
    const at = [...path, key];
    const kind = kindOf(node);
    const field: Field = { path: at, key, label: node.title ?? key, description: node.description, kind, nullable, premium: node.premium, showIf: node.showIf };
    if (node.premiumLimit) field.premiumLimit = node.premiumLimit;
    if (node.premiumOptions) field.premiumOptions = node.premiumOptions;
    if (kind === 'select') field.options = (node.enum ?? []).map((v) => ({ value: String(v), label: node.options?.[String(v)] ?? String(v) }));
    if (kind === 'number' || kind === 'duration') Object.assign(field, { min: node.minimum, max: node.maximum });
    if (kind === 'text' || kind === 'textarea' || kind === 'emoji') field.max = node.maxLength;
    if (kind === 'tags' || kind === 'objects' || kind === 'channels' || kind === 'roles' || kind === 'members') field.max = node.maxItems;
    if (kind === 'group') field.children = fieldsFromSchema(node, at);
    if (kind === 'objects') {
      const itemSchema = unwrapNullable(node.items ?? {}).node;
      field.item = { fields: fieldsFromSchema(itemSchema), blank: () => blankValue(itemSchema) as Record<string, unknown> };
    }
    fields.push(field);
  }
  return fields;
}

/** Whether a field shows, given the object that holds it (its `showIf` siblings). */
export function isShown(field: Field, holder: unknown): boolean {
  if (!field.showIf) return true;
  return Object.entries(field.showIf).every(([k, v]) => getAt(holder, [k]) === v);
}

/** Maps issues to `a.b.c` → first message, for inline errors under each field. */
export function issuesByPath(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join('.')] ??= humanMessage(i.message);
  return out;
}

/** Reads a nested value by path. */
export function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Returns a copy of `obj` with the value at `path` replaced (immutable update). */
export function setAt<T>(obj: T, path: string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(obj)) {
    const copy = [...obj];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy as T;
  }
  const src = (obj && typeof obj === 'object' ? obj : {}) as Record<string, unknown>;
  return { ...src, [head]: setAt(src[head], rest, value) } as T;
}
