import { ChannelType, type APIChannel, type APIOverwrite } from 'discord-api-types/v10';

const THREAD_TYPES = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);
const VOICE_TYPES = new Set<number>([ChannelType.GuildVoice, ChannelType.GuildStageVoice]);

/** Whether a channel type is a thread. */
export function isThread(type: number): boolean {
  return THREAD_TYPES.has(type);
}

/** Everything `POST /guilds/{id}/channels` (and a clone) may send; unknown keys are dropped. */
export interface ChannelInput {
  name: string;
  type: ChannelType;
  topic?: string | null;
  position?: number;
  parent_id?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  bitrate?: number;
  user_limit?: number;
  rtc_region?: string | null;
  video_quality_mode?: number;
  default_auto_archive_duration?: number;
  default_thread_rate_limit_per_user?: number;
  default_reaction_emoji?: unknown;
  available_tags?: unknown[];
  default_sort_order?: number | null;
  default_forum_layout?: number;
  permission_overwrites?: APIOverwrite[];
  flags?: number;
  /** Threads: archive settings. */
  auto_archive_duration?: number;
  invitable?: boolean;
  archived?: boolean;
  locked?: boolean;
  owner_id?: string;
}

/**
 * Builds the channel object Discord returns for a type, with its type's fields and defaults.
 * @param position - default position (count of same-type siblings)
 */
export function buildChannel(id: string, guildId: string, i: ChannelInput, position: number, ownerId?: string): APIChannel {
  if (THREAD_TYPES.has(i.type)) {
    return {
      id,
      type: i.type,
      guild_id: guildId,
      name: i.name,
      parent_id: i.parent_id ?? null,
      owner_id: i.owner_id ?? ownerId ?? '0',
      last_message_id: null,
      rate_limit_per_user: i.rate_limit_per_user ?? 0,
      flags: i.flags ?? 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: i.archived ?? false,
        auto_archive_duration: (i.auto_archive_duration ?? 1440) as 1440,
        archive_timestamp: new Date().toISOString(),
        locked: i.locked ?? false,
        ...(i.type === ChannelType.PrivateThread ? { invitable: i.invitable ?? true } : {}),
        create_timestamp: new Date().toISOString(),
      },
    } as unknown as APIChannel;
  }
  const base: Record<string, unknown> = {
    id,
    type: i.type,
    guild_id: guildId,
    name: i.name,
    position: i.position ?? position,
    permission_overwrites: i.permission_overwrites ?? [],
    flags: i.flags ?? 0,
  };
  if (i.type === ChannelType.GuildCategory) return base as unknown as APIChannel;
  base.parent_id = i.parent_id ?? null;
  base.nsfw = i.nsfw ?? false;
  base.last_message_id = null;
  base.rate_limit_per_user = i.rate_limit_per_user ?? 0;
  if (VOICE_TYPES.has(i.type)) {
    Object.assign(base, { bitrate: i.bitrate ?? 64_000, user_limit: i.user_limit ?? 0, rtc_region: i.rtc_region ?? null });
    if (i.video_quality_mode !== undefined) base.video_quality_mode = i.video_quality_mode;
    return base as unknown as APIChannel;
  }
  base.topic = i.topic ?? null;
  if (i.default_auto_archive_duration !== undefined) base.default_auto_archive_duration = i.default_auto_archive_duration;
  if (i.type === ChannelType.GuildForum || i.type === ChannelType.GuildMedia) {
    Object.assign(base, {
      available_tags: i.available_tags ?? [],
      default_reaction_emoji: i.default_reaction_emoji ?? null,
      default_sort_order: i.default_sort_order ?? null,
      default_forum_layout: i.default_forum_layout ?? 0,
      default_thread_rate_limit_per_user: i.default_thread_rate_limit_per_user ?? 0,
    });
  }
  return base as unknown as APIChannel;
}
