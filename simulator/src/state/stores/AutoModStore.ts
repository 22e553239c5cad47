import {
  AutoModerationActionType as A,
  AutoModerationRuleEventType as Ev,
  AutoModerationRuleTriggerType as T,
  GatewayDispatchEvents,
  MessageType,
  PermissionFlagsBits as P,
  type APIAutoModerationAction,
  type APIAutoModerationRule,
} from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';
import { matchMessage, matchProfile, type AutoModMatch } from '../autoModMatch.js';

/** A rule as created or edited (Discord's upsert request, validated by the REST layer). */
export type AutoModRuleInput = Partial<Omit<APIAutoModerationRule, 'id' | 'guild_id' | 'creator_id'>>;

/** Rules per trigger type Discord allows in one guild. */
const MAX_PER_TRIGGER: Record<number, number> = { [T.Keyword]: 6, [T.Spam]: 1, [T.KeywordPreset]: 1, [T.MentionSpam]: 1, [T.MemberProfile]: 1 };

/** What a message must carry for the AutoMod check. */
export interface AutoModMessage {
  guildId: string;
  channelId: string;
  authorId: string;
  content: string;
  mentionCount: number;
}

/**
 * Discord's AutoMod in the simulator: rules CRUD (`AUTO_MODERATION_RULE_*` dispatches) and
 * their enforcement for keyword, regex, spam, mention-spam and member-profile triggers: a
 * matching message is blocked (never stored), an alert is posted to the alert channel, the
 * author is timed out, and each action executed emits `AUTO_MODERATION_ACTION_EXECUTION`.
 */
export class AutoModStore {
  constructor(private readonly s: SimState) {}

  private rules(guildId: string): Record<string, APIAutoModerationRule> {
    return (this.s.guild(guildId).autoModRules ??= {});
  }

  /** The guild's rules, oldest first. */
  list(guildId: string): APIAutoModerationRule[] {
    return Object.values(this.rules(guildId));
  }

  /** One rule, or 404. */
  get(guildId: string, ruleId: string): APIAutoModerationRule {
    const r = this.rules(guildId)[ruleId];
    if (!r) throw new SimStateError(404, 10066, 'Unknown Auto Moderation Rule');
    return r;
  }

  /** Creates a rule (limits per trigger type as Discord's); emits AUTO_MODERATION_RULE_CREATE. */
  create(guildId: string, creatorId: string, input: AutoModRuleInput & Pick<APIAutoModerationRule, 'name' | 'event_type' | 'trigger_type'>): APIAutoModerationRule {
    const same = this.list(guildId).filter((r) => r.trigger_type === input.trigger_type).length;
    if (same >= (MAX_PER_TRIGGER[input.trigger_type] ?? 1)) {
      throw new SimStateError(400, 50035, 'Invalid Form Body', { trigger_type: { _errors: [{ code: 'AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED', message: 'Maximum number of rules of this type reached.' }] } });
    }
    const rule: APIAutoModerationRule = {
      id: this.s.snowflakes.next(),
      guild_id: guildId,
      creator_id: creatorId,
      name: input.name,
      event_type: input.event_type,
      trigger_type: input.trigger_type,
      trigger_metadata: normalizeMetadata(input.trigger_type, input.trigger_metadata),
      actions: normalizeActions(input.actions ?? []),
      enabled: input.enabled ?? false,
      exempt_roles: input.exempt_roles ?? [],
      exempt_channels: input.exempt_channels ?? [],
    };
    this.rules(guildId)[rule.id] = rule;
    this.s.dispatch(GatewayDispatchEvents.AutoModerationRuleCreate, rule, guildId);
    return rule;
  }

  /** Changes a rule (its trigger type stays); emits AUTO_MODERATION_RULE_UPDATE. */
  update(guildId: string, ruleId: string, patch: AutoModRuleInput): APIAutoModerationRule {
    const rule = this.get(guildId, ruleId);
    if (patch.actions) patch = { ...patch, actions: normalizeActions(patch.actions) };
    for (const k of ['name', 'event_type', 'actions', 'enabled', 'exempt_roles', 'exempt_channels'] as const) {
      if (patch[k] !== undefined && patch[k] !== null) (rule as unknown as Record<string, unknown>)[k] = patch[k];
    }
    if (patch.trigger_metadata) rule.trigger_metadata = normalizeMetadata(rule.trigger_type, patch.trigger_metadata);
    this.s.dispatch(GatewayDispatchEvents.AutoModerationRuleUpdate, rule, guildId);
    return rule;
  }

  /** Deletes a rule; emits AUTO_MODERATION_RULE_DELETE. */
  delete(guildId: string, ruleId: string): void {
    const rule = this.get(guildId, ruleId);
    delete this.rules(guildId)[ruleId];
    this.s.dispatch(GatewayDispatchEvents.AutoModerationRuleDelete, rule, guildId);
  }

  /**
   * Runs the guild's MESSAGE_SEND rules on a message about to be posted. Actions of every
   * matching rule are executed; returns true when the message must be blocked.
   */
  checkMessage(m: AutoModMessage): boolean {
    const g = this.s.data.guilds[m.guildId];
    if (!g?.autoModRules || this.exemptMember(m.guildId, m.authorId)) return false;
    let blocked = false;
    for (const rule of Object.values(g.autoModRules)) {
      if (!rule.enabled || rule.event_type !== Ev.MessageSend || rule.exempt_channels.includes(m.channelId)) continue;
      if (this.hasRole(m.guildId, m.authorId, rule.exempt_roles)) continue;
      const match = matchMessage(rule, m.content, m.mentionCount);
      if (!match) continue;
      for (const action of rule.actions) {
        if (action.type === A.BlockMessage) blocked = true;
        this.execute(rule, action, m.authorId, match, m.content, m.channelId);
      }
    }
    return blocked;
  }

  /** Runs member-profile rules on a member who joined or changed their names. */
  checkMember(guildId: string, userId: string): void {
    const g = this.s.data.guilds[guildId];
    if (!g?.autoModRules || this.exemptMember(guildId, userId)) return;
    const user = this.s.data.users[userId];
    const names = [user?.username, user?.global_name, g.members[userId]?.nick];
    for (const rule of Object.values(g.autoModRules)) {
      if (!rule.enabled || rule.trigger_type !== T.MemberProfile || this.hasRole(guildId, userId, rule.exempt_roles)) continue;
      const match = matchProfile(rule, names);
      if (match) for (const action of rule.actions) this.execute(rule, action, userId, match, names.filter(Boolean).join(' '));
    }
  }

  private execute(rule: APIAutoModerationRule, action: APIAutoModerationAction, userId: string, match: AutoModMatch, content: string, channelId?: string): void {
    const guildId = rule.guild_id;
    let alertId: string | undefined;
    if (action.type === A.SendAlertMessage && action.metadata?.channel_id && this.s.data.channels[action.metadata.channel_id]) {
      const alert = this.s.messages.create(action.metadata.channel_id, {
        authorId: userId,
        content,
        type: MessageType.AutoModerationAction,
        embeds: [{ type: 'auto_moderation_message' as never, description: content, fields: [{ name: 'rule_name', value: rule.name }, ...(channelId ? [{ name: 'channel_id', value: channelId }] : []), ...(match.keyword ? [{ name: 'keyword', value: match.keyword }] : [])] }],
      });
      alertId = alert.id;
    }
    if (action.type === A.Timeout && this.s.data.guilds[guildId]?.members[userId]) {
      const seconds = action.metadata?.duration_seconds ?? 60;
      this.s.members.update(guildId, userId, { communication_disabled_until: new Date(this.s.now() + seconds * 1000).toISOString() });
    }
    this.s.dispatch(GatewayDispatchEvents.AutoModerationActionExecution, {
      guild_id: guildId,
      action,
      rule_id: rule.id,
      rule_trigger_type: rule.trigger_type,
      user_id: userId,
      ...(channelId ? { channel_id: channelId } : {}),
      ...(alertId ? { alert_system_message_id: alertId } : {}),
      content,
      matched_keyword: match.keyword,
      matched_content: match.content || null,
    }, guildId);
  }

  /** The owner and members with Manage Server or Administrator are never checked (as on Discord). */
  private exemptMember(guildId: string, userId: string): boolean {
    const g = this.s.guild(guildId);
    if (g.owner_id === userId || !g.members[userId]) return true;
    return (this.s.permissionsOf(guildId, userId) & (P.ManageGuild | P.Administrator)) !== 0n;
  }

  private hasRole(guildId: string, userId: string, roles: string[]): boolean {
    const m = this.s.data.guilds[guildId]?.members[userId];
    return !!m && m.roles.some((r) => roles.includes(r));
  }
}

/** Actions as Discord answers them: always with a metadata object, nulls dropped. */
function normalizeActions(actions: APIAutoModerationAction[]): APIAutoModerationAction[] {
  return actions.map((a) => ({ type: a.type, metadata: Object.fromEntries(Object.entries(a.metadata ?? {}).filter(([, v]) => v !== null && v !== undefined)) }));
}

/** Trigger metadata with Discord's defaults for the trigger type (what responses carry). */
function normalizeMetadata(type: T, meta: Partial<APIAutoModerationRule['trigger_metadata']> | null | undefined): APIAutoModerationRule['trigger_metadata'] {
  const m = meta ?? {};
  switch (type) {
    case T.Keyword:
    case T.MemberProfile:
      return { keyword_filter: m.keyword_filter ?? [], regex_patterns: m.regex_patterns ?? [], allow_list: m.allow_list ?? [] };
    case T.MentionSpam:
      return { mention_total_limit: m.mention_total_limit ?? 0, mention_raid_protection_enabled: m.mention_raid_protection_enabled ?? false };
    case T.KeywordPreset:
      return { presets: m.presets ?? [], allow_list: m.allow_list ?? [] };
    default:
      return {};
  }
}
