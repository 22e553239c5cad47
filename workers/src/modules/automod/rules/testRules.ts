import type { AutomodConfig } from '../config';
import { checkMessage, snowflakeMs } from './checkMessage';
import { MemberWindows } from './MemberWindows';
import { nativeHits } from './nativeMatch';

/** A message the tester runs a draft rule set on (pasted text, or a recent message kept by Logging). */
export interface TestSample {
  text: string;
  /** A kept message's id (its time); absent for pasted text. */
  id?: string;
  authorId?: string;
  authorName?: string;
  channelId?: string;
  roles?: string[];
  files?: string[];
}

/** What would have caught one sample. */
export interface TestCatch {
  rule: string;
  by: 'discord' | 'bot';
  action: string;
  reason: string;
}

const NATIVE_LABELS = { keywords: 'Blocked words', regex: 'Blocked patterns', mentions: 'Mention spam' } as const;
const DISCORD_EPOCH = 1_420_070_400_000;
/** A made-up author id for pasted text: an account `days` old (so account-age conditions can be tried). */
export const pastedAuthor = (days: number, now: number): string => String(BigInt(Math.max(0, now - days * 86_400_000 - DISCORD_EPOCH)) << 22n);

/**
 * Runs a draft config on samples, in order (the rate and duplicate windows count across them:
 * pasted lines are one member’s messages 0.2 s apart), changing nothing anywhere: what
 * Discord's AutoMod would block and what our rules would do, by which rule, with which action.
 */
export function testRules(c: AutomodConfig, samples: TestSample[], opts: { now: number; accountAgeDays: number }): { sample: TestSample; caught: TestCatch[] }[] {
  const windows = new MemberWindows();
  const pasted = pastedAuthor(opts.accountAgeDays, opts.now);
  const start = opts.now - samples.length * 200;
  return samples.map((s, i) => {
    const caught: TestCatch[] = [];
    for (const h of nativeHits(c, s.text, s)) {
      const timeout = h.rule === 'keywords' ? c.native.keywords.timeoutSeconds : h.rule === 'mentions' ? c.native.mentions.timeoutSeconds : 0;
      caught.push({ rule: NATIVE_LABELS[h.rule], by: 'discord', action: timeout ? `Blocked by Discord + ${Math.round(timeout / 60)} min timeout` : 'Blocked by Discord', reason: `matched “${h.matched}”` });
    }
    const at = s.id ? snowflakeMs(s.id) : start + i * 200;
    const hits = checkMessage(c, { id: s.id ?? '0', channelId: s.channelId ?? '0', authorId: s.authorId ?? pasted, roles: s.roles ?? [], content: s.text, files: s.files ?? [], at }, windows);
    for (const h of hits) caught.push({ rule: h.rule, by: 'bot', action: h.action, reason: h.reason });
    return { sample: s, caught };
  });
}
