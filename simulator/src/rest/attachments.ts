import { Hono } from 'hono';
import type { APIAttachment } from 'discord-api-types/v10';
import { SimStateError } from '../state/index.js';

/** Uploaded files by attachment id (memory-bound: the oldest go first). */
const files = new Map<string, { name: string; type: string; data: Uint8Array }>();
const MAX_FILES = 500;
let next = 1n;

/**
 * Keeps an uploaded file (`files[n]` of a multipart body) and describes it as Discord does;
 * its `url` serves the bytes back (`GET /attachments/{id}/{filename}` under the API base).
 */
export async function storeAttachment(file: File, base: string): Promise<APIAttachment> {
  const id = `${(BigInt(Date.now() - 1_420_070_400_000) << 22n) + next++}`;
  files.set(id, { name: file.name, type: file.type || 'application/octet-stream', data: new Uint8Array(await file.arrayBuffer()) });
  if (files.size > MAX_FILES) files.delete(files.keys().next().value!);
  const url = `${base}/attachments/${id}/${encodeURIComponent(file.name)}`;
  return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: files.get(id)!.type };
}

/** Serves the stored files (public, like Discord's CDN). */
export const attachmentRoutes = new Hono().get('/:id/:filename', (c) => {
  const f = files.get(c.req.param('id'));
  if (!f) throw new SimStateError(404, 0, '404: Not Found');
  return c.body(f.data as Uint8Array<ArrayBuffer>, 200, { 'content-type': f.type });
});
