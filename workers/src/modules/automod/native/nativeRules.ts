import {
  AutoModerationActionType as A,
  AutoModerationRuleEventType as Ev,
  AutoModerationRuleTriggerType as T,
  type APIAutoModerationAction,
  type APIAutoModerationRule,
} from 'discord-api-types/v10';
import type { AutomodConfig } from '../config';

/** A rule as we want it in Discord (the create/edit body). */
export type NativeRule = Pick<APIAutoModerationRule, 'name' | 'event_type' | 'trigger_type' | 'trigger_metadata' | 'actions' | 'enabled' | 'exempt_roles' | 'exempt_channels'>;

/** Our rules' names in Discord (how the sync finds them again; the bot is their creator). */
export const NATIVE_NAMES = {
  keywords: 'Edge · Blocked words',
  regex: 'Edge · Blocked patterns',
  spam: 'Edge · Spam content',
  mentions: 'Edge · Mention spam',
  profile: 'Edge · Member names',
} as const;

/**
 * The Discord AutoMod rules a config asks for: one per native rule that is on. Messages are
 * blocked (with the config's text), keyword and mention rules may also time out; member names
 * keep the member from interacting until they change them.
 */
export function nativeRules(c: AutomodConfig): NativeRule[] {
  const n = c.native;
  const block: APIAutoModerationAction = { type: A.BlockMessage, metadata: n.blockMessage ? { custom_message: n.blockMessage } : {} };
  const timeout = (seconds: number): APIAutoModerationAction[] => (seconds > 0 ? [{ type: A.Timeout, metadata: { duration_seconds: seconds } }] : []);
  const common = { enabled: true, exempt_roles: n.exemptRoles, exempt_channels: n.exemptChannels };
  const message = { ...common, event_type: Ev.MessageSend };
  const out: NativeRule[] = [];
  if (n.keywords.enabled && n.keywords.words.length) {
    out.push({ ...message, name: NATIVE_NAMES.keywords, trigger_type: T.Keyword, trigger_metadata: { keyword_filter: n.keywords.words, regex_patterns: [], allow_list: n.keywords.allowList }, actions: [block, ...timeout(n.keywords.timeoutSeconds)] });
  }
  if (n.regex.enabled && n.regex.patterns.length) {
    out.push({ ...message, name: NATIVE_NAMES.regex, trigger_type: T.Keyword, trigger_metadata: { keyword_filter: [], regex_patterns: n.regex.patterns, allow_list: [] }, actions: [block] });
  }
  if (n.spam.enabled) out.push({ ...message, name: NATIVE_NAMES.spam, trigger_type: T.Spam, trigger_metadata: {}, actions: [block] });
  if (n.mentions.enabled) {
    out.push({ ...message, name: NATIVE_NAMES.mentions, trigger_type: T.MentionSpam, trigger_metadata: { mention_total_limit: n.mentions.limit, mention_raid_protection_enabled: n.mentions.raidProtection }, actions: [block, ...timeout(n.mentions.timeoutSeconds)] });
  }
  if (n.profile.enabled && n.profile.words.length) {
    out.push({ ...common, event_type: Ev.MemberUpdate, name: NATIVE_NAMES.profile, trigger_type: T.MemberProfile, trigger_metadata: { keyword_filter: n.profile.words, regex_patterns: [], allow_list: [] }, actions: [{ type: A.BlockMemberInteraction, metadata: {} }] });
  }
  return out;
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

/** A rule's fields that matter, in one comparable form (Discord's order of lists ignored). */
export function ruleKey(r: NativeRule): string {
  const m = r.trigger_metadata ?? {};
  return JSON.stringify([
    r.name, r.event_type, r.trigger_type, r.enabled,
    sorted(r.exempt_roles), sorted(r.exempt_channels),
    sorted(m.keyword_filter), sorted(m.regex_patterns), sorted(m.allow_list),
    m.mention_total_limit ?? null, m.mention_raid_protection_enabled ?? null,
    r.actions.map((a) => [a.type, a.metadata?.custom_message ?? null, a.metadata?.duration_seconds ?? null, a.metadata?.channel_id ?? null]),
  ]);
}
