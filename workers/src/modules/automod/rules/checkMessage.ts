import type { AutomodConfig, MessageRuleConfig, MessageRuleId, RuleAction } from '../config';
import type { MemberWindows } from './MemberWindows';
import { blockedFile, capsShare, emojiCount, foreignInvites, refusedHost, textHash } from './textChecks';

const DISCORD_EPOCH = 1_420_070_400_000;
/** When a Discord id (snowflake) was made, in ms. */
export const snowflakeMs = (id: string): number => Number(BigInt(id) >> 22n) + DISCORD_EPOCH;

/** The fields of a message our rules read (what the shard ships for Automod). */
export interface MessageFacts {
  id: string;
  channelId: string;
  authorId: string;
  roles: readonly string[];
  content: string;
  /** Attachment file names. */
  files: readonly string[];
  /** When it was sent (ms). */
  at: number;
}

/** A rule that fired on a message: which, what it does, why (said in the log and the case). */
export interface Hit {
  rule: MessageRuleId;
  action: RuleAction;
  timeoutSeconds: number;
  reason: string;
}

/** Strongest first: the action taken when several rules fire on one message. */
export const ACTION_RANK: Record<RuleAction, number> = { ban: 5, kick: 4, timeout: 3, warn: 2, delete: 1, log: 0 };

/** Whether a rule's conditions hold for this message (channels, exemptions, account age). */
function applies(r: MessageRuleConfig, m: MessageFacts): boolean {
  if (!r.enabled) return false;
  if (r.channels.length && !r.channels.includes(m.channelId)) return false;
  if (r.exemptChannels.includes(m.channelId)) return false;
  if (r.exemptRoles.length && m.roles.some((x) => r.exemptRoles.includes(x))) return false;
  return !r.maxAccountAgeDays || m.at - snowflakeMs(m.authorId) < r.maxAccountAgeDays * 86_400_000;
}

/**
 * Runs our message rules on one message: each rule whose conditions hold and which matches is
 * a hit. The rate and duplicate windows are updated (they count every message the rules see).
 * Pure apart from `windows`: the hub, the rule tester and the tests run this same code.
 */
export function checkMessage(c: AutomodConfig, m: MessageFacts, windows: MemberWindows): Hit[] {
  const hits: Hit[] = [];
  const r = c.rules;
  const hit = (rule: MessageRuleId, reason: string) => hits.push({ rule, action: r[rule].action, timeoutSeconds: r[rule].timeoutSeconds, reason });
  const rate = applies(r.rate, m);
  const dup = applies(r.duplicates, m) && m.content.trim().length > 0;
  if (rate || dup) {
    const n = windows.add(m.authorId, m.at, dup ? textHash(m.content) : 0, rate ? r.rate.seconds * 1000 : -1, dup ? r.duplicates.seconds * 1000 : -1);
    if (rate && n.recent > r.rate.messages) hit('rate', `More than ${r.rate.messages} messages in ${r.rate.seconds} s`);
    if (dup && n.copies >= r.duplicates.count) hit('duplicates', `The same message ${n.copies} times in ${r.duplicates.seconds} s`);
  }
  if (m.content) {
    if (applies(r.invites, m)) {
      const codes = foreignInvites(m.content, r.invites.allowedCodes);
      if (codes.length) hit('invites', `Invite to another server (${codes[0]})`);
    }
    if (applies(r.links, m)) {
      const host = refusedHost(m.content, r.links.mode, r.links.domains);
      if (host) hit('links', r.links.mode === 'block' ? `Blocked link (${host})` : `Link outside the allowed domains (${host})`);
    }
    if (applies(r.caps, m)) {
      const caps = capsShare(m.content);
      if (caps.letters >= r.caps.minLength && caps.percent >= r.caps.percent) hit('caps', `${caps.percent}% capitals`);
    }
    if (applies(r.emoji, m)) {
      const n = emojiCount(m.content);
      if (n > r.emoji.max) hit('emoji', `${n} emoji (most ${r.emoji.max})`);
    }
  }
  if (m.files.length && applies(r.attachments, m)) {
    const file = blockedFile(m.files, r.attachments.extensions);
    if (file) hit('attachments', `Blocked file type (${file.slice(file.lastIndexOf('.'))})`);
  }
  return hits;
}

/** The hit whose action is strongest (the one taken), or null. */
export function strongest(hits: readonly Hit[]): Hit | null {
  return hits.reduce<Hit | null>((best, h) => (!best || ACTION_RANK[h.action] > ACTION_RANK[best.action] ? h : best), null);
}

/** Whether any message rule is on (else the hub skips messages at once). */
export const anyMessageRule = (c: AutomodConfig): boolean => Object.values(c.rules).some((r) => r.enabled);
