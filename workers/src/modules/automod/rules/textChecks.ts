/** Stateless checks of a message's text and files (our own rules; Discord's are native). */

const INVITE = /(?:discord(?:app)?\.com\/invite|discord\.gg|dsc\.gg)\/([a-z0-9-]{2,32})/gi;
const LINK = /https?:\/\/([^\s/?#<>]+)/gi;
const CUSTOM_EMOJI = /<a?:\w{2,32}:\d{17,20}>/g;
const UNICODE_EMOJI = /\p{Extended_Pictographic}/gu;
const LETTER = /\p{L}/gu;
const UPPER = /\p{Lu}/gu;

/** Invite codes in the text that are not allowed (another server's). */
export function foreignInvites(content: string, allowedCodes: readonly string[]): string[] {
  if (!content.includes('/')) return [];
  const allowed = new Set(allowedCodes.map((c) => c.toLowerCase()));
  return [...content.matchAll(INVITE)].map((m) => m[1]!).filter((code) => !allowed.has(code.toLowerCase()));
}

/** The hosts of the text's links, lower-cased, without user info or port. */
export function linkHosts(content: string): string[] {
  if (!content.includes('://')) return [];
  return [...content.matchAll(LINK)].map((m) => m[1]!.replace(/^.*@/, '').replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase());
}

/** Whether `host` is `domain` or one of its subdomains. */
export const onDomain = (host: string, domain: string): boolean => {
  const d = domain.toLowerCase().replace(/^\*?\./, '');
  return host === d || host.endsWith(`.${d}`);
};

/** The first link host the list refuses (block: a listed domain; allow: an unlisted one), or null. */
export function refusedHost(content: string, mode: 'block' | 'allow', domains: readonly string[]): string | null {
  for (const host of linkHosts(content)) {
    const listed = domains.some((d) => onDomain(host, d));
    if (mode === 'block' ? listed : !listed) return host;
  }
  return null;
}

/** Share of capital letters (0–100) and the letter count. */
export function capsShare(content: string): { percent: number; letters: number } {
  const letters = content.match(LETTER)?.length ?? 0;
  if (!letters) return { percent: 0, letters: 0 };
  return { percent: Math.round(((content.match(UPPER)?.length ?? 0) * 100) / letters), letters };
}

/** Emoji in the text: custom ones (`<:name:id>`) and Unicode pictographs. */
export function emojiCount(content: string): number {
  const custom = content.match(CUSTOM_EMOJI)?.length ?? 0;
  const rest = custom ? content.replace(CUSTOM_EMOJI, '') : content;
  return custom + (rest.match(UNICODE_EMOJI)?.length ?? 0);
}

/** The first file whose extension is blocked, or null. */
export function blockedFile(filenames: readonly string[], extensions: readonly string[]): string | null {
  if (!filenames.length || !extensions.length) return null;
  const blocked = new Set(extensions.map((e) => e.toLowerCase().replace(/^\./, '')));
  return filenames.find((f) => blocked.has(f.slice(f.lastIndexOf('.') + 1).toLowerCase())) ?? null;
}

/** A short hash of a message's text, for duplicates (case and spacing ignored). */
export function textHash(content: string): number {
  const s = content.trim().toLowerCase().replace(/\s+/g, ' ');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
