import type { AutoResponder } from '../config';
import { unsafeRegex } from '../config';

/** Only the first characters of a message are matched (bounded work per message). */
const MAX_SCAN = 2000;

/** A compiled trigger: true when a message's text matches. */
export type Matcher = (text: string) => boolean;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles one trigger (case-insensitive); an unsafe regex never matches. */
export function compileMatcher(a: Pick<AutoResponder, 'trigger' | 'match'>): Matcher {
  const t = a.trigger.toLowerCase();
  switch (a.match) {
    case 'exact':
      return (text) => text.trim().toLowerCase() === t;
    case 'contains':
      return (text) => text.slice(0, MAX_SCAN).toLowerCase().includes(t);
    case 'wildcard': {
      const re = new RegExp(`^${a.trigger.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escape(c))).join('')}$`, 'iu');
      return (text) => text.length <= MAX_SCAN && re.test(text.trim());
    }
    case 'regex': {
      if (unsafeRegex(a.trigger)) return () => false;
      const re = new RegExp(a.trigger, 'iu');
      return (text) => re.test(text.slice(0, MAX_SCAN));
    }
  }
}

const cache = new Map<string, Matcher[]>();

/**
 * The matchers of a guild's auto-responders, compiled once per isolate and config (keyed by the
 * triggers' text: a batch of 200 messages compiles nothing again).
 */
export function matchersFor(list: readonly AutoResponder[]): Matcher[] {
  const key = list.map((a) => `${a.match}\u0000${a.trigger}`).join('\u0001');
  let m = cache.get(key);
  if (!m) {
    if (cache.size > 200) cache.clear();
    cache.set(key, (m = list.map(compileMatcher)));
  }
  return m;
}
