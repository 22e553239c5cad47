/** CDN URL of a guild icon or user avatar, or undefined when it has none. */
export function cdn(kind: 'icons' | 'avatars', id: string, hash: string | null, size = 64): string | undefined {
  return hash ? `https://cdn.discordapp.com/${kind}/${id}/${hash}.${hash.startsWith('a_') ? 'gif' : 'webp'}?size=${size}` : undefined;
}

/** Initials shown when a guild has no icon (as Discord does). */
export const initials = (name: string) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 3);
