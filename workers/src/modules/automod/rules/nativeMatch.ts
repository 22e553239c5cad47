import type { AutomodConfig } from '../config';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A keyword as Discord's AutoMod reads it: a whole word unless `*` opens a side (`scam*`
 * prefixes, `*scam` suffixes, `*scam*` anywhere), case-insensitive; an open side takes in the
 * rest of the word (what the allow list is compared with).
 */
export function keywordRegex(keyword: string): RegExp {
  const start = keyword.startsWith('*');
  const end = keyword.endsWith('*');
  const core = escapeRe(keyword.replace(/^\*|\*$/g, ''));
  const side = (open: boolean, closed: string) => (open ? '[\\p{L}\\p{N}]*' : closed);
  return new RegExp(`${side(start, '(?<![\\p{L}\\p{N}])')}${core}${side(end, '(?![\\p{L}\\p{N}])')}`, 'iu');
}

/** A native rule that would fire on a message, as the tester shows it. */
export interface NativeHit {
  rule: 'keywords' | 'regex' | 'mentions';
  matched: string;
}

const MENTION = /<@[!&]?(\d{17,20})>/g;

/**
 * Which of the config's Discord AutoMod rules would block this text (keywords with the allow
 * list, patterns, mention count). Discord's spam model cannot be predicted: not run here.
 */
export function nativeHits(c: AutomodConfig, text: string, where: { channelId?: string; roles?: readonly string[] } = {}): NativeHit[] {
  const n = c.native;
  if (where.channelId && n.exemptChannels.includes(where.channelId)) return [];
  if (where.roles?.some((r) => n.exemptRoles.includes(r))) return [];
  const out: NativeHit[] = [];
  const allowed = n.keywords.allowList.map(keywordRegex);
  if (n.keywords.enabled) {
    for (const w of n.keywords.words) {
      const m = keywordRegex(w).exec(text);
      if (m && !allowed.some((a) => a.test(m[0]))) {
        out.push({ rule: 'keywords', matched: m[0] });
        break;
      }
    }
  }
  if (n.regex.enabled) {
    for (const p of n.regex.patterns) {
      let re: RegExp;
      try {
        re = new RegExp(p, 'iu');
      } catch {
        continue;
      }
      const m = re.exec(text);
      if (m) {
        out.push({ rule: 'regex', matched: m[0] });
        break;
      }
    }
  }
  if (n.mentions.enabled) {
    const unique = new Set([...text.matchAll(MENTION)].map((m) => m[0].replace('!', ''))).size;
    if (unique > n.mentions.limit) out.push({ rule: 'mentions', matched: `${unique} mentions` });
  }
  return out;
}
