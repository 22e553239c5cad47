import type { GuildSettings } from '../api/shapes';

/** Server settings as the API gives them (GET /api/guilds/:id/settings). */
export type { GuildSettings };

/** Discord's verification levels, as its settings page words them. */
export const VERIFICATION: [number, string][] = [
  [0, 'None — unrestricted'],
  [1, 'Low — a verified email'],
  [2, 'Medium — and registered on Discord for 5 minutes'],
  [3, 'High — and a member here for 10 minutes'],
  [4, 'Highest — and a verified phone number'],
];
export const NOTIFICATIONS: [number, string][] = [[0, 'All messages'], [1, 'Only @mentions']];
export const CONTENT_FILTER: [number, string][] = [[0, "Don't scan any media"], [1, 'Scan media from members without a role'], [2, 'Scan media from all members']];

const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const MAX_BYTES = 10 * 1024 * 1024;

/** Checks an image file before upload and reads it as a data URI (Discord's image data). */
export async function readImage(file: { type: string; size: number; name: string } & Blob): Promise<{ data: string } | { error: string }> {
  if (!TYPES.includes(file.type)) return { error: `${file.name} is not a PNG, JPEG, GIF or WebP image` };
  if (file.size > MAX_BYTES) return { error: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: the limit is 10 MB` };
  const data = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  return { data };
}
