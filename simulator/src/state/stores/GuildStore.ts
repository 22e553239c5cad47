import { GatewayDispatchEvents, AuditLogEvent, PermissionFlagsBits, type APIRole, type RoleFlags } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import type { SimGuild } from '../types.js';
import { guildPayload } from '../payloads.js';
import type { AuditContext } from './AuditLogStore.js';

/** Fields for a new guild. */
export interface CreateGuildInput {
  id?: string;
  name: string;
  ownerId: string;
  description?: string | null;
  /** Permissions of @everyone; Discord's default when unset. */
  everyonePermissions?: bigint;
}

/** Fields a guild update may change. */
export type GuildPatch = Partial<Pick<SimGuild, 'name' | 'icon' | 'banner' | 'description' | 'system_channel_id' | 'rules_channel_id' | 'afk_channel_id' | 'afk_timeout' | 'verification_level' | 'default_message_notifications' | 'explicit_content_filter' | 'preferred_locale' | 'owner_id'>>;

/** Discord's default @everyone permissions for a new guild. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.CreateInstantInvite | PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions | PermissionFlagsBits.UseExternalEmojis | PermissionFlagsBits.UseExternalStickers |
  PermissionFlagsBits.MentionEveryone | PermissionFlagsBits.ReadMessageHistory | PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect | PermissionFlagsBits.Speak | PermissionFlagsBits.Stream | PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.UseEmbeddedActivities | PermissionFlagsBits.SendVoiceMessages | PermissionFlagsBits.SendPolls |
  PermissionFlagsBits.UseExternalApps | PermissionFlagsBits.RequestToSpeak;

/** Guilds: create, update, delete. Members, roles, channels have their own stores. */
export class GuildStore {
  constructor(private readonly s: SimState) {}

  /**
   * Creates a guild with its @everyone role and its owner as a member. Emits nothing: no bot is in
   * it yet; adding a bot member (`state.members.add`) emits GUILD_CREATE to that bot.
   */
  create(input: CreateGuildInput): SimGuild {
    const id = input.id ?? this.s.snowflakes.next();
    const everyone: APIRole = {
      id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: String(input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
    const g: SimGuild = {
      id,
      name: input.name,
      icon: null,
      banner: null,
      description: input.description ?? null,
      owner_id: input.ownerId,
      features: [],
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      mfa_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      system_channel_id: null,
      rules_channel_id: null,
      afk_channel_id: null,
      afk_timeout: 300,
      nsfw_level: 0,
      roles: { [id]: everyone },
      members: {},
      bans: {},
      emojis: [],
      voiceStates: {},
      auditLog: [],
    };
    this.s.data.guilds[id] = g;
    this.s.data.messages = this.s.data.messages ?? {};
    this.s.members.add(id, input.ownerId, { silent: true });
    return g;
  }

  /** Updates guild settings; emits GUILD_UPDATE and a GUILD_UPDATE audit entry. */
  update(guildId: string, patch: GuildPatch, audit?: AuditContext): SimGuild {
    const g = this.s.guild(guildId);
    const changes = Object.entries(patch)
      .filter(([k, v]) => v !== undefined && (g as unknown as Record<string, unknown>)[k] !== v)
      .map(([key, v]) => ({ key, old_value: (g as unknown as Record<string, unknown>)[key], new_value: v }));
    Object.assign(g, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    this.s.dispatch(GatewayDispatchEvents.GuildUpdate, guildPayload(g), guildId);
    if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.GuildUpdate, target_id: guildId, changes });
    return g;
  }

  /** Deletes a guild; bots in it receive GUILD_DELETE. */
  delete(guildId: string): void {
    const g = this.s.guild(guildId);
    const bots = Object.keys(g.members).filter((id) => this.s.data.users[id]?.bot);
    for (const c of Object.values(this.s.data.channels)) {
      if ('guild_id' in c && c.guild_id === guildId) {
        delete this.s.data.channels[c.id];
        delete this.s.data.messages[c.id];
      }
    }
    delete this.s.data.guilds[guildId];
    this.s.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId }, guildId, bots);
  }
}
