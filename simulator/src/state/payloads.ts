import {
  GuildHubType,
  GuildSystemChannelFlags,
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type APIBaseVoiceState,
  type GatewayVoiceState,
  type ThreadChannelType,
  type GuildChannelType,
  ChannelType,
} from 'discord-api-types/v10';
import type { SimData, SimGuild, SimMember, SimVoiceState } from './types.js';

const THREADS = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** A stored user as Discord sends it to others (no email, locale, mfa); unknown ids become a "Deleted User". */
export function userPayload(data: SimData, userId: string): APIUser {
  const u = data.users[userId];
  if (!u) return { id: userId, username: 'deleted_user', discriminator: '0', global_name: 'Deleted User', avatar: null, public_flags: 0, flags: 0, primary_guild: null } as unknown as APIUser;
  const { email: _e, verified: _v, locale: _l, mfa_enabled: _m, premium_type: _p, ...pub } = u;
  return pub;
}

/** A member as Discord's REST and gateway send it (with `user`). */
export function memberPayload(data: SimData, m: SimMember): APIGuildMember {
  return {
    user: userPayload(data, m.user_id),
    nick: m.nick,
    avatar: m.avatar,
    banner: null,
    roles: [...m.roles],
    joined_at: m.joined_at,
    premium_since: m.premium_since,
    deaf: m.deaf,
    mute: m.mute,
    flags: m.flags,
    pending: m.pending,
    communication_disabled_until: m.communication_disabled_until,
  };
}

/** The guild object (`GET /guilds/{id}`, GUILD_UPDATE). */
export function guildPayload(g: SimGuild): APIGuild {
  return {
    id: g.id,
    name: g.name,
    icon: g.icon,
    splash: null,
    discovery_splash: null,
    owner_id: g.owner_id,
    afk_channel_id: g.afk_channel_id,
    afk_timeout: g.afk_timeout as APIGuild['afk_timeout'],
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: g.verification_level,
    default_message_notifications: g.default_message_notifications,
    explicit_content_filter: g.explicit_content_filter,
    roles: Object.values(g.roles).sort((a, b) => a.position - b.position),
    emojis: g.emojis,
    features: g.features,
    mfa_level: g.mfa_level,
    application_id: null,
    system_channel_id: g.system_channel_id,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: g.rules_channel_id,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: g.description,
    banner: g.banner ?? null,
    premium_tier: g.premium_tier,
    premium_subscription_count: g.premium_subscription_count,
    preferred_locale: g.preferred_locale as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: g.nsfw_level,
    nsfw: false,
    home_header: null,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null as GuildHubType | null,
    safety_alerts_channel_id: null,
    incidents_data: g.incidents ? { ...g.incidents, dm_spam_detected_at: null, raid_detected_at: null } : null,
    region: 'deprecated',
  } as APIGuild;
}

/** A voice state; `withGuild` false drops `guild_id` as GUILD_CREATE does. */
export function voiceStatePayload(data: SimData, g: SimGuild, v: SimVoiceState, withGuild = true): GatewayVoiceState {
  const member = g.members[v.user_id];
  const base: APIBaseVoiceState = {
    channel_id: v.channel_id,
    user_id: v.user_id,
    session_id: v.session_id,
    deaf: v.deaf,
    mute: v.mute,
    self_deaf: v.self_deaf,
    self_mute: v.self_mute,
    self_video: v.self_video,
    suppress: v.suppress,
    request_to_speak_timestamp: v.request_to_speak_timestamp,
    ...(member ? { member: memberPayload(data, member) } : {}),
  };
  return (withGuild ? { ...base, guild_id: g.id } : base) as GatewayVoiceState;
}

/** The guild's channels, split into regular channels and threads. */
export function guildChannels(data: SimData, guildId: string): { channels: APIChannel[]; threads: APIChannel[] } {
  const channels: APIChannel[] = [];
  const threads: APIChannel[] = [];
  for (const c of Object.values(data.channels)) {
    if (!('guild_id' in c) || c.guild_id !== guildId) continue;
    (THREADS.has(c.type) ? threads : channels).push(c);
  }
  return { channels, threads };
}

/**
 * The full GUILD_CREATE payload (https://discord.com/developers/docs/topics/gateway-events#guild-create).
 * @param joinedUserId - whose `joined_at` to report (the bot receiving it); defaults to the owner
 */
export function buildGuildCreate(data: SimData, g: SimGuild, joinedUserId?: string): GatewayGuildCreateDispatchData {
  const { channels, threads } = guildChannels(data, g.id);
  const members = Object.values(g.members);
  const me = (joinedUserId && g.members[joinedUserId]) || g.members[g.owner_id];
  return {
    ...guildPayload(g),
    joined_at: me?.joined_at ?? new Date().toISOString(),
    large: members.length > 250,
    unavailable: false,
    member_count: members.length,
    voice_states: Object.values(g.voiceStates).map((v) => voiceStatePayload(data, g, v, false)),
    members: members.map((m) => memberPayload(data, m)),
    channels: channels as (APIChannel & { type: Exclude<GuildChannelType, ThreadChannelType> })[],
    threads: threads as (APIChannel & { type: ThreadChannelType })[],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as GatewayGuildCreateDispatchData;
}
