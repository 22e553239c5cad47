import { AutoModerationRuleTriggerType as T, type APIAutoModerationRule } from 'discord-api-types/v10';

/** What a rule matched: the keyword (or pattern) and the text it matched. */
export interface AutoModMatch {
  keyword: string | null;
  content: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A keyword as Discord reads it: whole words unless `*` marks a side as open
 * (`cat` the word, `cat*` a prefix, `*cat` a suffix, `*cat*` anywhere); case-insensitive.
 */
export function keywordRegex(keyword: string): RegExp {
  const open = { start: keyword.startsWith('*'), end: keyword.endsWith('*') };
  const core = escapeRe(keyword.replace(/^\*|\*$/g, ''));
  // An open side takes in the rest of the word, so the allow list sees whole words.
  const side = (open: boolean, closed: string) => (open ? '[\\p{L}\\p{N}]*' : closed);
  return new RegExp(`${side(open.start, '(?<![\\p{L}\\p{N}])')}${core}${side(open.end, '(?![\\p{L}\\p{N}])')}`, 'iu');
}

/** Discord's ML spam model, simulated by a fixed list of give-away lures (deterministic for tests). */
const SPAM_LURES = [/free\s+nitro/i, /steam\s*community\s*gift/i, /claim\s+your\s+(prize|gift)/i, /@everyone\s+https?:\/\//i];

/** The words of `text` Discord would match against a keyword or profile rule, minus the allow list. */
function matchKeywords(rule: APIAutoModerationRule, text: string): AutoModMatch | null {
  const meta = rule.trigger_metadata;
  const allowed = (meta.allow_list ?? []).map(keywordRegex);
  for (const keyword of meta.keyword_filter ?? []) {
    const m = keywordRegex(keyword).exec(text);
    if (m && !allowed.some((a) => a.test(m[0]))) return { keyword, content: m[0] };
  }
  for (const pattern of meta.regex_patterns ?? []) {
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'iu');
    } catch {
      continue;
    }
    const m = re.exec(text);
    if (m && !allowed.some((a) => a.test(m[0]))) return { keyword: pattern, content: m[0] };
  }
  return null;
}

/**
 * Whether a message (content and unique user/role mentions) triggers a MESSAGE_SEND rule of
 * the simulated trigger types: keyword (words and regex), spam, mention spam.
 */
export function matchMessage(rule: APIAutoModerationRule, content: string, mentionCount: number): AutoModMatch | null {
  switch (rule.trigger_type) {
    case T.Keyword:
      return matchKeywords(rule, content);
    case T.Spam: {
      const lure = SPAM_LURES.find((re) => re.test(content));
      return lure ? { keyword: null, content: '' } : null;
    }
    case T.MentionSpam: {
      const limit = rule.trigger_metadata.mention_total_limit ?? 0;
      return limit > 0 && mentionCount > limit ? { keyword: null, content: '' } : null;
    }
    default:
      return null;
  }
}

/** Whether a member's names (username, global name, nick) trigger a member profile rule. */
export function matchProfile(rule: APIAutoModerationRule, names: (string | null | undefined)[]): AutoModMatch | null {
  if (rule.trigger_type !== T.MemberProfile) return null;
  for (const n of names) {
    if (!n) continue;
    const m = matchKeywords(rule, n);
    if (m) return m;
  }
  return null;
}
