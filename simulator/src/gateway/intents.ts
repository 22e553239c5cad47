import { ApplicationFlags, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';

/**
 * Which intent gates which dispatch, as listed in Discord's docs.
 * Events absent from this map are "passthrough" and always sent.
 * @see https://discord.com/developers/docs/events/gateway#list-of-intents
 */
const EVENT_INTENT: Record<string, number> = {
  [E.GuildCreate]: I.Guilds,
  [E.GuildUpdate]: I.Guilds,
  [E.GuildDelete]: I.Guilds,
  [E.GuildRoleCreate]: I.Guilds,
  [E.GuildRoleUpdate]: I.Guilds,
  [E.GuildRoleDelete]: I.Guilds,
  [E.ChannelCreate]: I.Guilds,
  [E.ChannelUpdate]: I.Guilds,
  [E.ChannelDelete]: I.Guilds,
  [E.ChannelPinsUpdate]: I.Guilds,
  [E.ThreadCreate]: I.Guilds,
  [E.ThreadUpdate]: I.Guilds,
  [E.ThreadDelete]: I.Guilds,
  [E.ThreadListSync]: I.Guilds,
  [E.ThreadMemberUpdate]: I.Guilds,
  [E.StageInstanceCreate]: I.Guilds,
  [E.StageInstanceUpdate]: I.Guilds,
  [E.StageInstanceDelete]: I.Guilds,
  [E.GuildMemberAdd]: I.GuildMembers,
  [E.GuildMemberUpdate]: I.GuildMembers,
  [E.GuildMemberRemove]: I.GuildMembers,
  [E.ThreadMembersUpdate]: I.GuildMembers,
  [E.GuildAuditLogEntryCreate]: I.GuildModeration,
  [E.GuildBanAdd]: I.GuildModeration,
  [E.GuildBanRemove]: I.GuildModeration,
  [E.GuildEmojisUpdate]: I.GuildExpressions,
  [E.GuildStickersUpdate]: I.GuildExpressions,
  [E.GuildIntegrationsUpdate]: I.GuildIntegrations,
  [E.IntegrationCreate]: I.GuildIntegrations,
  [E.IntegrationUpdate]: I.GuildIntegrations,
  [E.IntegrationDelete]: I.GuildIntegrations,
  [E.WebhooksUpdate]: I.GuildWebhooks,
  [E.InviteCreate]: I.GuildInvites,
  [E.InviteDelete]: I.GuildInvites,
  [E.VoiceStateUpdate]: I.GuildVoiceStates,
  [E.VoiceChannelEffectSend]: I.GuildVoiceStates,
  [E.PresenceUpdate]: I.GuildPresences,
  [E.MessageCreate]: I.GuildMessages,
  [E.MessageUpdate]: I.GuildMessages,
  [E.MessageDelete]: I.GuildMessages,
  [E.MessageDeleteBulk]: I.GuildMessages,
  [E.MessageReactionAdd]: I.GuildMessageReactions,
  [E.MessageReactionRemove]: I.GuildMessageReactions,
  [E.MessageReactionRemoveAll]: I.GuildMessageReactions,
  [E.MessageReactionRemoveEmoji]: I.GuildMessageReactions,
  [E.TypingStart]: I.GuildMessageTyping,
  [E.GuildScheduledEventCreate]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUpdate]: I.GuildScheduledEvents,
  [E.GuildScheduledEventDelete]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUserAdd]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUserRemove]: I.GuildScheduledEvents,
  [E.AutoModerationRuleCreate]: I.AutoModerationConfiguration,
  [E.AutoModerationRuleUpdate]: I.AutoModerationConfiguration,
  [E.AutoModerationRuleDelete]: I.AutoModerationConfiguration,
  [E.AutoModerationActionExecution]: I.AutoModerationExecution,
  [E.MessagePollVoteAdd]: I.GuildMessagePolls,
  [E.MessagePollVoteRemove]: I.GuildMessagePolls,
};

/** Same events in DMs (no guild) are gated by the DM intents. */
const DM_INTENT: Record<number, number> = {
  [I.GuildMessages]: I.DirectMessages,
  [I.GuildMessageReactions]: I.DirectMessageReactions,
  [I.GuildMessageTyping]: I.DirectMessageTyping,
  [I.GuildMessagePolls]: I.DirectMessagePolls,
};

/** Every intent bit Discord defines; anything else is refused with 4013. */
export const ALL_INTENTS = Object.values(I)
  .filter((v): v is number => typeof v === 'number')
  .reduce((a, b) => a | b, 0);

/** Intents that need the application's approval (else close 4014). */
export const PRIVILEGED_INTENTS = I.GuildMembers | I.GuildPresences | I.MessageContent;

/**
 * Privileged intents an application may use, read from its flags (the full or the
 * "limited" flag, as the developer portal sets them).
 */
export function allowedPrivilegedIntents(appFlags: number): number {
  let allowed = 0;
  if (appFlags & (ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayGuildMembersLimited)) allowed |= I.GuildMembers;
  if (appFlags & (ApplicationFlags.GatewayPresence | ApplicationFlags.GatewayPresenceLimited)) allowed |= I.GuildPresences;
  if (appFlags & (ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited)) allowed |= I.MessageContent;
  return allowed;
}

/** The intent a dispatch needs, or 0 when it is always sent. */
export function intentFor(t: string, inGuild: boolean): number {
  const bit = EVENT_INTENT[t] ?? 0;
  return inGuild ? bit : (DM_INTENT[bit] ?? bit);
}
