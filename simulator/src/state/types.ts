import type {
  APIAuditLogEntry,
  APIAutoModerationRule,
  APIChannel,
  APIEmoji,
  APIMessage,
  APIRole,
  APIUser,
  GatewayDispatchEvents,
  GuildFeature,
  APIApplicationCommand,
} from 'discord-api-types/v10';

/** One gateway dispatch produced by a state mutation. */
export interface SimDispatch {
  /** Guild the event belongs to; the gateway sends it to bots that are members of it. */
  guildId?: string;
  /** For events outside a guild (DMs): only these users' connections receive it. */
  userIds?: string[];
  t: GatewayDispatchEvents;
  d: unknown;
}

/** An application (bot) registered in the simulator. Secrets live here: never log this object. */
export interface SimApplication {
  id: string;
  name: string;
  /** The bot user's id (equals the application id, as on Discord). */
  botUserId: string;
  /** Ed25519 public key, hex (32 bytes), as shown in the Developer Portal. */
  publicKey: string;
  /** Ed25519 private key, PKCS#8 DER, base64: the simulator signs interactions with it. */
  privateKeyPkcs8: string;
  botToken: string;
  clientId: string;
  clientSecret: string;
  /** `ApplicationFlags` bits for enabled privileged intents (GatewayPresence, GatewayGuildMembers, GatewayMessageContent, and *Limited). */
  flags: number;
  /** Interactions endpoint URL, if one is set. */
  interactionsEndpointUrl: string | null;
  redirectUris: string[];
  ownerId: string | null;
  /** Global commands, then guild commands keyed by guild id. */
  commands: APIApplicationCommand[];
  guildCommands: Record<string, APIApplicationCommand[]>;
}

/** A guild member as stored (the user object lives in `SimData.users`). */
export interface SimMember {
  user_id: string;
  nick: string | null;
  avatar: string | null;
  roles: string[];
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: string | null;
}

/** Stored voice state (one per member in voice). */
export interface SimVoiceState {
  user_id: string;
  channel_id: string;
  session_id: string;
  deaf: boolean;
  mute: boolean;
  self_deaf: boolean;
  self_mute: boolean;
  self_video: boolean;
  suppress: boolean;
  request_to_speak_timestamp: string | null;
}

/** A guild as stored. Channels live in `SimData.channels` (global, like `/channels/{id}`). */
export interface SimGuild {
  id: string;
  name: string;
  icon: string | null;
  /** Banner image hash (older saved states have none). */
  banner?: string | null;
  description: string | null;
  owner_id: string;
  features: GuildFeature[];
  verification_level: number;
  default_message_notifications: number;
  explicit_content_filter: number;
  mfa_level: number;
  premium_tier: number;
  premium_subscription_count: number;
  preferred_locale: string;
  system_channel_id: string | null;
  rules_channel_id: string | null;
  afk_channel_id: string | null;
  afk_timeout: number;
  nsfw_level: number;
  roles: Record<string, APIRole>;
  members: Record<string, SimMember>;
  bans: Record<string, { reason: string | null }>;
  emojis: APIEmoji[];
  voiceStates: Record<string, SimVoiceState>;
  auditLog: APIAuditLogEntry[];
  /** AutoMod rules by id (older saved states have none). */
  autoModRules?: Record<string, APIAutoModerationRule>;
  /** Incident actions (`PUT /guilds/{id}/incident-actions`): invites or DMs paused until then. */
  incidents?: { invites_disabled_until: string | null; dms_disabled_until: string | null };
}

/** Everything the simulator holds; plain JSON so it saves and loads as is. */
export interface SimData {
  applications: Record<string, SimApplication>;
  users: Record<string, APIUser>;
  guilds: Record<string, SimGuild>;
  /** All channels (guild channels, threads, DMs) by id; guild ones carry `guild_id`. */
  channels: Record<string, APIChannel>;
  /** Messages per channel id, oldest first. */
  messages: Record<string, APIMessage[]>;
}
