import { humanMessage } from './humanMessage';

/** A JSON Schema node as `z.toJSONSchema` emits it (the subset forms need). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  required?: string[];
  /** Widget hint set with zod's `.meta({ widget })`: channel, role, roles, color, message, hidden. */
  widget?: string;
  premium?: boolean;
  /** Plan limit (of the module's limits) that must be above 0 to use this field: `.meta({ premiumLimit: 'embeds' })`. */
  premiumLimit?: string;
  /** With `premiumLimit` on an enum: only these options need it (the others stay free). */
  premiumOptions?: string[];
}

/** One form control derived from the schema. */
export interface Field {
  path: string[];
  key: string;
  label: string;
  description?: string;
  kind: 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'channel' | 'channels' | 'role' | 'roles' | 'color' | 'list' | 'group';
  options?: { value: string; label: string }[];
  nullable: boolean;
  min?: number;
  max?: number;
  premium?: boolean;
  /** The plan limit this field (or its `premiumOptions`) needs above 0. */
  premiumLimit?: string;
  premiumOptions?: string[];
  children?: Field[];
}

/** Labels people read: `channelId` → "Channel", `autoroles` → "Roles given on join", `dm` → "Direct message". */
const LABELS: Record<string, string> = { dm: 'Direct message', autoroles: 'Roles given on join', countBots: 'Count bots', ignoredChannelIds: 'Ignored channels' };
const humanize = (key: string) =>
  LABELS[key] ??
  key
    .replace(/Ids?$/, (m) => (m === 'Ids' ? 's' : ''))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

function unwrapNullable(node: JsonSchema): { node: JsonSchema; nullable: boolean } {
  if (node.anyOf) {
    const rest = node.anyOf.filter((n) => n.type !== 'null');
    if (rest.length === 1) return { node: { ...rest[0], ...pick(node) }, nullable: rest.length < node.anyOf.length };
  }
  if (Array.isArray(node.type) && node.type.includes('null')) {
    return { node: { ...node, type: node.type.find((t) => t !== 'null') }, nullable: true };
  }
  return { node, nullable: false };
}
/** Widgets inferred from conventional key names when the schema gives no `widget` meta. */
function widgetByName(key: string, type: string | undefined): string | undefined {
  if (/channelId$/i.test(key) && type !== 'array') return 'channel';
  if (/channelIds$/i.test(key)) return 'channels';
  if (/^(autoroles|roleIds|.*RoleIds)$/i.test(key)) return 'roles';
  if (/roleId$/i.test(key)) return 'role';
  if (/colou?r$/i.test(key)) return 'color';
  if (/^(message|description)$/i.test(key) && type === 'string') return 'message';
  return undefined;
}
const pick = (n: JsonSchema): JsonSchema => ({ description: n.description, title: n.title, widget: n.widget, default: n.default, premium: n.premium, premiumLimit: n.premiumLimit, premiumOptions: n.premiumOptions });

/**
 * Turns a module's config JSON Schema (from its zod schema) into form fields, so the
 * dashboard renders every module's settings from the one schema the API validates with.
 */
export function fieldsFromSchema(schema: JsonSchema, path: string[] = []): Field[] {
  const fields: Field[] = [];
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const { node, nullable } = unwrapNullable(raw);
    if (node.widget === 'hidden') continue;
    const base = { path: [...path, key], key, label: node.title ?? humanize(key), description: node.description, nullable, premium: node.premium, ...(node.premiumLimit ? { premiumLimit: node.premiumLimit } : {}), ...(node.premiumOptions ? { premiumOptions: node.premiumOptions } : {}) };
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    let field: Field;
    const widget = node.widget ?? widgetByName(key, type);
    if (widget === 'channel' || widget === 'channels' || widget === 'role' || widget === 'roles' || widget === 'color') {
      field = { ...base, kind: widget };
    } else if (widget === 'message') {
      field = { ...base, kind: 'textarea', max: node.maxLength };
    } else if (node.enum) {
      field = { ...base, kind: 'select', options: node.enum.map((v) => ({ value: String(v), label: humanize(String(v)) })) };
    } else if (type === 'boolean') {
      field = { ...base, kind: 'boolean' };
    } else if (type === 'number' || type === 'integer') {
      field = { ...base, kind: 'number', min: node.minimum, max: node.maximum };
    } else if (type === 'object') {
      field = { ...base, kind: 'group', children: fieldsFromSchema(node, [...path, key]) };
    } else if (type === 'array') {
      field = { ...base, kind: 'list', max: node.maxItems };
    } else {
      field = { ...base, kind: (node.maxLength ?? 0) > 200 ? 'textarea' : 'text', max: node.maxLength };
    }
    fields.push(field);
  }
  return fields;
}

/** Maps zod issues to `a.b.c` → first message, for inline errors under each field. */
export function issuesByPath(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    out[key] ??= humanMessage(i.message);
  }
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
  const src = (obj && typeof obj === 'object' ? obj : {}) as Record<string, unknown>;
  return { ...src, [head]: setAt(src[head], rest, value) } as T;
}
