import type { Context } from 'hono';
import type { z } from 'zod';
import { invalidFormBody } from './discordError.js';
import { SimStateError } from '../state/index.js';
import { storeAttachment } from './attachments.js';

/**
 * Reads a multipart body as Discord takes it: `payload_json` and files `files[n]`, which become
 * the message's `attachments` (described as Discord does, with a URL serving them back).
 */
async function parseMultipart(c: Context): Promise<unknown> {
  const form = await c.req.formData();
  const json = form.get('payload_json');
  let raw: Record<string, unknown>;
  try {
    raw = typeof json === 'string' && json.trim() ? (JSON.parse(json) as Record<string, unknown>) : {};
  } catch {
    throw new SimStateError(400, 50109, 'The request body contains invalid JSON.');
  }
  const base = new URL(c.req.url).pathname.match(/^\/api(\/v\d+)?/)?.[0] ?? '/api/v10';
  const uploads = [...form.entries()].filter(([k, v]) => /^files\[\d+\]$/.test(k) && typeof v !== 'string') as unknown as [string, File][];
  if (uploads.length) raw.attachments = await Promise.all(uploads.map(([, f]) => storeAttachment(f, `${new URL(c.req.url).origin}${base}`)));
  return raw;
}

/** Reads a JSON (or multipart) body and validates it; bad JSON or bad fields answer Discord's 400 (50109 / 50035). */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return validated(schema, await parseMultipart(c));
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new SimStateError(400, 50109, 'The request body contains invalid JSON.');
    }
  }
  return validated(schema, raw);
}

function validated<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const fields: Record<string, string> = {};
  for (const issue of res.error.issues) fields[issue.path.join('.') || '_root'] = issue.message;
  throw invalidFormBody(fields);
}

/** Reads an integer query parameter within bounds; 400 (50035) otherwise. */
export function queryInt(c: Context, name: string, def: number, min: number, max: number): number {
  const v = c.req.query(name);
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidFormBody({ [name]: `Must be an integer between ${min} and ${max}.` }, 'NUMBER_TYPE_COERCE');
  return n;
}

/** A snowflake query parameter (or undefined); 400 when malformed. */
export function querySnowflake(c: Context, name: string): string | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,20}$/.test(v)) throw invalidFormBody({ [name]: `Value "${v}" is not snowflake.` }, 'NUMBER_TYPE_COERCE');
  return v;
}
